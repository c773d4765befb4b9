package org.ae4j.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Iterator;
import org.ae4j.train.Trainer;
import org.apache.spark.sql.Row;

/**
 * One partition's rows, encoded once and cached by Spark for the whole run: its training rows and the rows held out
 * for validation and the anomaly threshold, each as a row-major float array of {@code width} features. A row is
 * held out when a seeded hash of (partition, index in partition) falls below the fraction — the same rows for the
 * same seed and partitioning.
 */
final class Shard implements Serializable {

    private static final long serialVersionUID = 1L;

    final int partition;
    final int width;
    final float[] train;
    final int trainRows;
    final float[] heldOut;
    final int heldOutRows;
    private transient int orderEpoch;
    private transient int[] order;

    private Shard(int partition, int width, float[] train, int trainRows, float[] heldOut, int heldOutRows) {
        this.partition = partition;
        this.width = width;
        this.train = train;
        this.trainRows = trainRows;
        this.heldOut = heldOut;
        this.heldOutRows = heldOutRows;
    }

    /**
     * Encodes a partition's rows.
     *
     * @param allowMissing whether a NaN feature is a missing value the model's loss skips (else an error)
     */
    static Shard encode(int partition, Iterator<Row> rows, FeatureColumns.Reader reader, int width, double heldOutFraction,
                        long seed, boolean allowMissing) {
        Growing train = new Growing(width);
        Growing heldOut = new Growing(width);
        float[] row = new float[width];
        long index = 0;
        while (rows.hasNext()) {
            String where = "partition " + partition + ", row " + index;
            reader.read(rows.next(), row, 0, where);
            for (int j = 0; j < width; j++) {
                float x = row[j];
                if (Float.isInfinite(x) || Float.isNaN(x) && !allowMissing) {
                    throw new IllegalArgumentException(where + ": feature " + j + " is " + x + "; the data must be finite"
                            + (allowMissing ? "" : " (this model's loss does not skip missing values)"));
                }
            }
            (isHeldOut(seed, partition, index++, heldOutFraction) ? heldOut : train).add(row);
        }
        return new Shard(partition, width, train.values(), train.rows, heldOut.values(), heldOut.rows);
    }

    /** Whether row {@code index} of {@code partition} is held out: a seeded hash of both below the fraction. */
    static boolean isHeldOut(long seed, int partition, long index, double fraction) {
        if (fraction == 0) {
            return false;
        }
        long z = seed * 0x9E3779B97F4A7C15L + ((long) partition << 40) + index;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (z >>> 11) * 0x1.0p-53 < fraction;
    }

    /**
     * The training rows of local step {@code step} of {@code epoch}: rows {@code [step·b, (step+1)·b)} of this epoch's
     * seeded shuffle, in {@code into} (row-major); returns how many (0 once the epoch's rows are used up).
     */
    int batch(long seed, int epoch, int step, int batchSize, float[] into) {
        int from = step * batchSize;
        if (from >= trainRows) {
            return 0;
        }
        int to = Math.min(trainRows, from + batchSize);
        int[] order = order(seed, epoch);
        for (int i = from; i < to; i++) {
            System.arraycopy(train, order[i] * width, into, (i - from) * width, width);
        }
        return to - from;
    }

    /** This epoch's seeded shuffle of the training rows, made once per epoch (a partition's steps run one at a time). */
    private synchronized int[] order(long seed, int epoch) {
        if (order == null || orderEpoch != epoch) {
            order = Trainer.shuffleOrder(seed + 0x632BE59BD9B4E019L * (partition + 1), epoch, trainRows);
            orderEpoch = epoch;
        }
        return order;
    }

    /** A row-major float array that grows by doubling. */
    private static final class Growing {
        private final int width;
        private float[] values = new float[0];
        private int rows;

        Growing(int width) {
            this.width = width;
        }

        void add(float[] row) {
            if ((long) (rows + 1) * width > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("a partition holds more than " + rows + " rows of " + width
                        + " features, more than one array can; repartition the DataFrame into more partitions");
            }
            if ((rows + 1) * width > values.length) {
                values = Arrays.copyOf(values, (int) Math.min(Integer.MAX_VALUE - 8L, Math.max(16L * width, 2L * values.length)));
            }
            System.arraycopy(row, 0, values, rows * width, width);
            rows++;
        }

        float[] values() {
            return Arrays.copyOf(values, rows * width);
        }
    }
}
