package org.ae4j.spark;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.ae4j.data.Dataset;
import org.ae4j.model.Autoencoder;
import org.ae4j.persist.SavedModel;
import org.ae4j.util.StepMemory;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Scores one partition lazily, a batch of rows at a time: the rows' features into one array, the model's score (and
 * code and reconstruction, when asked) for the whole batch in the task's step memory — reused from batch to batch and
 * released when the task ends — then the input rows with the new columns appended.
 */
final class PartitionScorer implements Iterator<Row> {

    /** The output columns wanted. */
    record Outputs(boolean code, boolean score, double threshold, boolean anomaly, boolean reconstruction) implements java.io.Serializable {
    }

    private final Iterator<Row> input;
    private final SavedModel saved;
    private final FeatureColumns.Reader reader;
    private final Outputs outputs;
    private final int batchSize;
    private final int width;
    private final int partition;
    private final float[] features;
    private final List<Row> pending = new ArrayList<>();
    private final ArrayDeque<Row> ready = new ArrayDeque<>();
    private final StepMemory memory = new StepMemory("ae4j-spark-scoring");
    private long index;

    PartitionScorer(int partition, Iterator<Row> input, SavedModel saved, FeatureColumns.Reader reader, Outputs outputs, int batchSize) {
        this.partition = partition;
        this.input = input;
        this.saved = saved;
        this.reader = reader;
        this.outputs = outputs;
        this.batchSize = batchSize;
        this.width = Math.toIntExact(saved.model().inputShape().length == 0 ? 1
                : Arrays.stream(saved.model().inputShape()).reduce(1, (a, b) -> a * b));
        this.features = new float[batchSize * width];
    }

    @Override
    public boolean hasNext() {
        if (ready.isEmpty() && input.hasNext()) {
            scoreNextBatch();
        }
        if (ready.isEmpty()) {
            release();
            return false;
        }
        return true;
    }

    /** Frees the task's scoring workspace (the next task on this thread makes it again). */
    void release() {
        memory.release();
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.poll();
    }

    private void scoreNextBatch() {
        pending.clear();
        while (pending.size() < batchSize && input.hasNext()) {
            Row row = input.next();
            reader.read(row, features, pending.size() * width, "partition " + partition + ", row " + index++);
            pending.add(row);
        }
        int n = pending.size();
        Autoencoder model = saved.model();
        double[] scores;
        float[][] codes = null;
        float[][] reconstructions = null;
        try (MemoryWorkspace ignored = memory.open()) {
            long[] shape = model.inputShape();
            long[] batchShape = new long[shape.length + 1];
            batchShape[0] = n;
            System.arraycopy(shape, 0, batchShape, 1, shape.length);
            INDArray x = Nd4j.createFromArray(n == batchSize ? features : Arrays.copyOf(features, n * width)).reshape(batchShape)
                    .castTo(model.parameters().get(0).value().dataType());
            if (saved.normalizer().isPresent()) {
                x = saved.normalizer().get().transform(Dataset.of(x)).features();
            }
            scores = model.reconstructionLossPerExample(x).castTo(DataType.DOUBLE).toDoubleVector();
            if (outputs.code()) {
                codes = model.encode(x).castTo(DataType.FLOAT).toFloatMatrix();
            }
            if (outputs.reconstruction()) {
                reconstructions = model.reconstruct(x).reshape(n, width).castTo(DataType.FLOAT).toFloatMatrix();
            }
        }
        int extra = (outputs.code() ? 1 : 0) + (outputs.score() ? 1 : 0) + (outputs.anomaly() ? 1 : 0) + (outputs.reconstruction() ? 1 : 0);
        for (int i = 0; i < n; i++) {
            Row row = pending.get(i);
            Object[] values = new Object[row.length() + extra];
            for (int c = 0; c < row.length(); c++) {
                values[c] = row.get(c);
            }
            int at = row.length();
            if (outputs.code()) {
                values[at++] = Vectors.dense(toDoubles(codes[i]));
            }
            if (outputs.score()) {
                values[at++] = scores[i];
            }
            if (outputs.anomaly()) {
                values[at++] = scores[i] > outputs.threshold();
            }
            if (outputs.reconstruction()) {
                values[at] = Vectors.dense(toDoubles(reconstructions[i]));
            }
            ready.add(RowFactory.create(values));
        }
    }

    private static double[] toDoubles(float[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i];
        }
        return y;
    }
}
