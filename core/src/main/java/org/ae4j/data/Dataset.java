package org.ae4j.data;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import org.ae4j.spi.RandomSource;
import org.ae4j.util.Lanes;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.longer.MatchCondition;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * Examples {@code [n, …]} with optional integer class labels (for evaluation only). Features are
 * checked once, when the dataset is made: rank ≥ 2, at least one example, every value finite (or, for
 * {@link #incomplete} data such as a table with empty cells, finite or {@code NaN} for missing); an
 * array that is a view or not in C order is copied once then. A dataset never modifies its arrays;
 * its batches are views.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Dataset {

    private final INDArray features;
    private final int[] labels;

    private Dataset(INDArray features, int[] labels, boolean validated) {
        this(features, labels, validated, false);
    }

    private Dataset(INDArray features, int[] labels, boolean validated, boolean missingAllowed) {
        Objects.requireNonNull(features, "features");
        this.features = validated || (features.ordering() == 'c' && !features.isView()) ? features : features.dup('c');
        this.labels = labels;
        if (!validated) {
            validate(this.features, labels, missingAllowed);
        }
    }

    /**
     * Examples in which {@code NaN} marks a missing value (a table's empty cells); infinities are still refused.
     * Models for such data skip missing entries in their loss ({@link org.ae4j.spi.Loss#skipsMissingTargets}).
     *
     * @param labels the class of each row, or {@code null} for none
     */
    public static Dataset incomplete(INDArray features, int[] labels) {
        return new Dataset(features, labels == null ? null : labels.clone(), false, true);
    }

    /** Unlabelled examples. */
    public static Dataset of(INDArray features) {
        return new Dataset(features, null, false);
    }

    /** Labelled examples; {@code labels[i]} is the class of row {@code i}. */
    public static Dataset labeled(INDArray features, int[] labels) {
        return new Dataset(features, Objects.requireNonNull(labels, "labels").clone(), false);
    }

    private static void validate(INDArray features, int[] labels, boolean missingAllowed) {
        if (features.rank() < 2 || features.size(0) == 0) {
            throw new IllegalArgumentException("features must be [examples, …] with at least one example, got "
                    + Arrays.toString(features.shape()));
        }
        if (!features.dataType().isFPType()) {
            throw new IllegalArgumentException("features must be floating point, got " + features.dataType());
        }
        long bad = (missingAllowed ? 0 : Nd4j.getExecutioner().exec(new MatchCondition(features, Conditions.isNan())).getLong(0))
                + Nd4j.getExecutioner().exec(new MatchCondition(features, Conditions.isInfinite())).getLong(0);
        if (bad > 0) {
            INDArray flat = features.reshape(features.length());
            long perExample = features.length() / features.size(0);
            for (long i = 0; i < flat.length(); i++) {
                double v = flat.getDouble(i);
                if (Double.isInfinite(v) || Double.isNaN(v) && !missingAllowed) {
                    throw new IllegalArgumentException(bad + " non-finite feature value(s); the first is " + v
                            + " at example " + (i / perExample) + ", feature " + (i % perExample));
                }
            }
        }
        if (labels != null && labels.length != features.size(0)) {
            throw new IllegalArgumentException(labels.length + " labels for " + features.size(0) + " examples");
        }
    }

    public int size() {
        return Math.toIntExact(features.size(0));
    }

    /** Per-example shape, e.g. {@code [784]}. */
    public long[] exampleShape() {
        return Arrays.copyOfRange(features.shape(), 1, features.rank());
    }

    /** Number of values per example. */
    public long exampleLength() {
        return features.length() / features.size(0);
    }

    /** The feature array; do not modify it. */
    public INDArray features() {
        return features;
    }

    public Optional<int[]> labels() {
        return Optional.ofNullable(labels).map(int[]::clone);
    }

    public DataType dataType() {
        return features.dataType();
    }

    /** Examples {@code from} (inclusive) to {@code to} (exclusive), copied. */
    public Dataset slice(int from, int to) {
        if (from < 0 || to > size() || from >= to) {
            throw new IllegalArgumentException("slice [" + from + ", " + to + ") is not a non-empty range of [0, " + size() + ")");
        }
        INDArray part = features.get(NDArrayIndex.interval(from, to)).dup('c');
        return new Dataset(part, labels == null ? null : Arrays.copyOfRange(labels, from, to), true);
    }

    /** The examples at {@code indices}, in that order, copied with one native gather. */
    public Dataset select(int[] indices) {
        for (int i : indices) {
            if (i < 0 || i >= size()) {
                throw new IllegalArgumentException("index " + i + " is outside [0, " + size() + ")");
            }
        }
        INDArray picked = features.rank() == 2
                ? Nd4j.pullRows(features, 1, indices, 'c')
                : Nd4j.pullRows(features.reshape('c', features.size(0), exampleLength()), 1, indices, 'c')
                        .reshape('c', withRows(indices.length));
        int[] pickedLabels = null;
        if (labels != null) {
            pickedLabels = new int[indices.length];
            for (int i = 0; i < indices.length; i++) {
                pickedLabels[i] = labels[indices[i]];
            }
        }
        return new Dataset(picked, pickedLabels, true);
    }

    /** A copy with the features cast to {@code type} (this dataset when it already has that type). */
    public Dataset castTo(DataType type) {
        return type == dataType() ? this : new Dataset(features.castTo(type), labels, true);
    }

    /** The same examples in a random order. */
    public Dataset shuffled(RandomSource random) {
        return select(random.permutation(size()));
    }

    /**
     * Splits off a random {@code fraction} of the examples.
     *
     * @return the rest as {@code train} and the held-out part as {@code validation}
     */
    public Split split(double fraction, RandomSource random) {
        int held = (int) Math.round(size() * fraction);
        if (!(fraction > 0 && fraction < 1) || held == 0 || held == size()) {
            throw new IllegalArgumentException("cannot hold out " + fraction + " of " + size()
                    + " examples: both parts must be non-empty");
        }
        int[] order = random.permutation(size());
        Dataset validation = select(Arrays.copyOfRange(order, 0, held));
        Dataset train = select(Arrays.copyOfRange(order, held, order.length));
        return new Split(train, validation);
    }

    /** Consecutive batches of {@code batchSize} examples (the last may be smaller), as views. */
    public Iterable<INDArray> batches(int batchSize) {
        requireBatchSize(batchSize);
        return () -> new BatchIterator(batchSize, (from, to) -> features.get(NDArrayIndex.interval(from, to)));
    }

    /**
     * The examples in a random order, in batches of {@code batchSize} (the last may be smaller),
     * gathered into buffers that are <em>reused</em>: a batch is valid
     * until the iterator's next call to {@code next()}. Copy it ({@code dup()}) to keep it. This is
     * the training loop's path: it allocates nothing per batch.
     */
    public Iterable<INDArray> shuffledBatches(int batchSize, RandomSource random) {
        requireBatchSize(batchSize);
        int[] order = random.permutation(size());
        INDArray rows = features.reshape('c', size(), exampleLength());
        int full = Math.min(batchSize, size());
        INDArray fullBuffer = Nd4j.createUninitialized(features.dataType(), full, exampleLength());
        int rest = size() % full;
        INDArray restBuffer = rest == 0 ? null : Nd4j.createUninitialized(features.dataType(), rest, exampleLength());
        return () -> new BatchIterator(full, (from, to) -> {
            INDArray buffer = to - from == full ? fullBuffer : restBuffer;
            gatherRows(rows, buffer, order, from, to);
            return features.rank() == 2 ? buffer : buffer.reshape('c', withRows(buffer.size(0)));
        });
    }

    /**
     * Copies rows {@code order[from..to)} of {@code rows} into {@code buffer}: row by row with bulk
     * copies when both are plain float arrays (three times faster than {@code pullRows}, and no native
     * op), else by {@code Nd4j.pullRows}.
     */
    private static void gatherRows(INDArray rows, INDArray buffer, int[] order, int from, int to) {
        if (rows.dataType() == DataType.FLOAT && plain(rows) && plain(buffer)) {
            int width = Math.toIntExact(rows.size(1));
            FloatBuffer source = rows.data().asNioFloat();
            FloatBuffer target = buffer.data().asNioFloat();
            int middle = from + (to - from) / 2;
            Runnable lower = () -> copyRows(source, target, order, width, from, from, middle);
            Runnable upper = () -> copyRows(source, target, order, width, from, middle, to);
            if (!Lanes.splitInTeam(lower, upper)) {                // data-parallel training: both cores copy
                copyRows(source, target, order, width, from, from, to);
            }
        } else {
            Nd4j.pullRows(rows, buffer, 1, Arrays.copyOfRange(order, from, to));
        }
    }

    /** Copies rows {@code order[start..end)} of {@code source} to rows {@code start − from …} of {@code target}. */
    private static void copyRows(FloatBuffer source, FloatBuffer target, int[] order, int width, int from, int start, int end) {
        for (int i = start; i < end; i++) {
            target.put((i - from) * width, source, order[i] * width, width);
        }
    }

    /** A 'c'-ordered array that starts its own buffer and fills it. */
    private static boolean plain(INDArray a) {
        return a.ordering() == 'c' && a.offset() == 0 && a.elementWiseStride() == 1 && a.data().length() == a.length();
    }

    private static void requireBatchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
    }

    /** Walks {@code [0, size)} in steps of {@code batchSize}, making each batch with {@code slicer}. */
    private final class BatchIterator implements Iterator<INDArray> {
        private final int batchSize;
        private final BiFunction<Integer, Integer, INDArray> slicer;
        private int next;

        BatchIterator(int batchSize, BiFunction<Integer, Integer, INDArray> slicer) {
            this.batchSize = batchSize;
            this.slicer = slicer;
        }

        @Override
        public boolean hasNext() {
            return next < size();
        }

        @Override
        public INDArray next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            int end = Math.min(next + batchSize, size());
            INDArray batch = slicer.apply(next, end);
            next = end;
            return batch;
        }
    }

    /** Number of batches {@link #batches} yields. */
    public int batchCount(int batchSize) {
        return (size() + batchSize - 1) / batchSize;
    }

    private long[] withRows(long rows) {
        long[] shape = features.shape().clone();
        shape[0] = rows;
        return shape;
    }

    @Override
    public String toString() {
        return "Dataset" + Arrays.toString(features.shape()) + (labels != null ? " labelled" : "");
    }

    /** A train / validation split. */
    public record Split(Dataset train, Dataset validation) {
    }
}
