package org.ae4j.train;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.ae4j.data.Dataset;
import org.ae4j.model.Autoencoder;
import org.ae4j.util.Lanes;
import org.ae4j.util.StepMemory;
import org.apiguardian.api.API;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Inference over a whole dataset — codes, reconstructions, scores, loss sums — in batches spread over every
 * core. Each lane takes the next batch, computes it in its own reused native memory ({@link StepMemory}, one
 * block per lane, so the steady state allocates nothing per batch) with ND4J on one native thread, and writes
 * its rows into the result. The results equal a batch-by-batch loop on one thread: batches are the same and
 * each is computed whole.
 *
 * <p>Lanes are used when the data has at least two batches and the machine more than one core: the calling
 * thread's own idle team if it has one (validation during data-parallel training), else the process's
 * {@link InferenceWorkers} — one call at a time, the caller waiting; a call that finds them busy, or runs inside
 * a lane, computes on its own thread. {@code -Dae4j.inference.lanes=N} fixes the number of lanes (1: on the
 * calling thread).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.3")
public final class BatchInference {

    /** The system property that fixes the lanes of a call that makes its own team. */
    public static final String LANES_PROPERTY = "ae4j.inference.lanes";

    private static final StepMemory MEMORY = new StepMemory("ae4j-inference");
    private static final InferenceWorkers WORKERS = new InferenceWorkers(MEMORY);
    private static final AtomicBoolean WORKERS_IN_USE = new AtomicBoolean();

    private BatchInference() {
    }

    /** The system property that sets the most rows per batch {@link #rowsFor} picks on the layer path. */
    public static final String ROWS_PROPERTY = "ae4j.inference.rows";

    /** The most rows per batch {@link #rowsFor} picks on the layer path, by default. */
    public static final int LAYER_PATH_ROWS = 1024;

    /** The most values one layer's output may hold in a batch that {@link #rowsFor} enlarges: 4 MiB of floats. */
    static final long ACTIVATION_BUDGET = 1L << 20;

    /**
     * The rows per batch for inference over {@code model} when {@code requested} were asked for (a training batch
     * size, say). On the layer path, the most rows, in steps of 256 up to {@value #LAYER_PATH_ROWS}
     * ({@code -Dae4j.inference.rows=N}), for which the widest layer's output stays within {@value #ACTIVATION_BUDGET}
     * values — products over more rows run nearer the core's peak while the activations stay in the caches. Measured
     * (JMH {@code InferenceBenchmark}, 10,000 examples, two lanes): the vanilla model 24–28 ms in batches of 1,024
     * against 33–35 ms in batches of 256, the VAE 63 against 70; the conv model, whose first layer makes 3,136 values
     * per image, 406 ms at 1,024 against 262 at 256, so it keeps 256. Never fewer rows than requested; on the
     * small-model path exactly the requested rows, whose per-row results do not depend on the batch.
     */
    public static int rowsFor(Autoencoder model, int requested) {
        if (requested < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + requested);
        }
        if (model.runsWhole(requested)) {
            return requested;
        }
        long widest = widestActivation(model);
        int most = Integer.getInteger(ROWS_PROPERTY, LAYER_PATH_ROWS);
        int rows = requested;
        for (int candidate = 256; candidate <= most; candidate += 256) {
            if (candidate * widest <= ACTIVATION_BUDGET) {
                rows = Math.max(rows, candidate);
            }
        }
        return rows;
    }

    /** The most values per example among the model's input and its layers' outputs (the input's for a block that is not a chain). */
    private static long widestActivation(Autoencoder model) {
        long widest = size(model.inputShape());
        for (Object block : new Object[] {model.encoder(), model.decoder()}) {
            if (block instanceof org.ae4j.nn.Sequential chain) {
                for (org.ae4j.spi.Layer layer : chain.layers()) {
                    widest = Math.max(widest, size(layer.outputShape()));
                }
            }
        }
        return widest;
    }

    private static long size(long[] shape) {
        return Arrays.stream(shape).reduce(1, Math::multiplyExact);
    }

    /**
     * {@code perBatch} applied to consecutive batches of {@code data}, its outputs stacked: row {@code i} of the
     * result is what {@code perBatch} gave for example {@code i}. {@code perBatch} must return an array whose
     * first dimension is its batch's rows, and must be safe to call from several threads at once (a model's
     * inference methods are); its output may live in the current workspace — it is copied out.
     */
    public static INDArray map(Dataset data, int batchSize, Function<INDArray, INDArray> perBatch) {
        Objects.requireNonNull(perBatch, "perBatch");
        Stacked result = new Stacked(data.size());
        forEachBatch(data, batchSize, (from, batch) -> result.put(from, perBatch.apply(batch)));
        if (result.array == null) {
            throw new IllegalArgumentException("no examples to infer from");
        }
        return result.array;
    }

    /**
     * The sums over all batches of the {@code width} numbers {@code perBatch} gives for each batch, e.g. a loss
     * times the batch's rows and the rows. Summed in batch order once every batch is done, so the result does not
     * depend on which lane took which batch.
     */
    public static double[] sum(Dataset data, int batchSize, int width, Function<INDArray, double[]> perBatch) {
        Objects.requireNonNull(perBatch, "perBatch");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        double[][] parts = new double[(data.size() + batchSize - 1) / batchSize][];
        forEachBatch(data, batchSize, (from, batch) -> {
            double[] part = perBatch.apply(batch);
            if (part.length != width) {
                throw new IllegalStateException("perBatch gave " + part.length + " numbers, expected " + width);
            }
            parts[from / batchSize] = part;
        });
        double[] totals = new double[width];
        for (double[] part : parts) {
            for (int k = 0; k < width; k++) {
                totals[k] += part[k];
            }
        }
        return totals;
    }

    /** The lanes a call on this thread would use for {@code batches} batches (1: the calling thread alone). */
    static int lanesFor(int batches) {
        if (batches < 2 || Lanes.current() != 0 || InferenceWorkers.isWorker()) {
            return 1;
        }
        int lanes = Integer.getInteger(LANES_PROPERTY, Runtime.getRuntime().availableProcessors());
        return Math.max(1, Math.min(lanes, batches));
    }

    private interface BatchTask {
        void accept(int from, INDArray batch);
    }

    private static void forEachBatch(Dataset data, int batchSize, BatchTask task) {
        Objects.requireNonNull(data, "data");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        int rows = data.size();
        int batches = (rows + batchSize - 1) / batchSize;
        int lanes = lanesFor(batches);
        if (lanes > 1) {
            Lanes own = Lanes.idleTeam().orElse(null);
            if (own != null) {
                runOn(own, data, batchSize, batches, task);
                return;
            }
            if (WORKERS_IN_USE.compareAndSet(false, true)) {
                try {
                    WORKERS.run(lanes, new Batches(data, batchSize, batches, task)::take);
                } finally {
                    WORKERS_IN_USE.set(false);
                }
                return;
            }
        }
        for (int b = 0; b < batches; b++) {
            compute(data, batchSize, b, task);
        }
    }

    private static void runOn(Lanes team, Dataset data, int batchSize, int batches, BatchTask task) {
        team.run(new Batches(data, batchSize, batches, task)::take);
    }

    /** The batches of one call, handed out one at a time to whichever lane asks next; none after a lane failed. */
    private record Batches(Dataset data, int batchSize, int count, BatchTask task, AtomicInteger next, AtomicBoolean failed) {

        Batches(Dataset data, int batchSize, int count, BatchTask task) {
            this(data, batchSize, count, task, new AtomicInteger(), new AtomicBoolean());
        }

        /** Computes batches on the calling lane until none is left. */
        void take(int lane) {
            try {
                for (int b = next.getAndIncrement(); b < count && !failed.get(); b = next.getAndIncrement()) {
                    compute(data, batchSize, b, task);
                }
            } catch (RuntimeException | Error e) {
                failed.set(true);
                throw e;
            }
        }
    }

    private static void compute(Dataset data, int batchSize, int b, BatchTask task) {
        int from = b * batchSize;
        int to = Math.min(data.size(), from + batchSize);
        try (MemoryWorkspace ignored = MEMORY.open()) {
            task.accept(from, data.features().get(NDArrayIndex.interval(from, to)));
        }
    }

    /**
     * A new array of {@code shape} whose values are left as they are: libnd4j zeroes every buffer it allocates, even
     * for {@link Nd4j#createUninitialized}, and on a result of 10,000 images that pass (and its page faults, on one
     * thread while the lanes wait) took ~12 % of a reconstruction. Float and double results live in memory of
     * JavaCPP's, freed when the array is collected; other types are made by ND4J.
     */
    static INDArray unzeroed(DataType type, long[] shape) {
        long length = Arrays.stream(shape).reduce(1, Math::multiplyExact);
        DataBuffer buffer;
        if (type == DataType.FLOAT) {
            FloatPointer memory = new FloatPointer(length);
            buffer = Nd4j.createBuffer(memory, type, length, FloatIndexer.create(memory));
        } else if (type == DataType.DOUBLE) {
            DoublePointer memory = new DoublePointer(length);
            buffer = Nd4j.createBuffer(memory, type, length, DoubleIndexer.create(memory));
        } else {
            return Nd4j.createUninitialized(type, shape);
        }
        return Nd4j.create(buffer, shape, Nd4j.getStrides(shape, 'c'), 0, 'c', type);
    }

    /** The stacked result, made (outside every workspace) when the first batch's output shows its shape. */
    private static final class Stacked {
        private final int rows;
        private volatile INDArray array;

        Stacked(int rows) {
            this.rows = rows;
        }

        void put(int from, INDArray part) {
            INDArray target = array;
            if (target == null) {
                synchronized (this) {
                    target = array;
                    if (target == null) {
                        long[] shape = part.shape().clone();
                        shape[0] = rows;
                        try (MemoryWorkspace ignored = StepMemory.outside()) {
                            target = unzeroed(part.dataType(), shape);
                        }
                        array = target;
                    }
                }
            }
            if (part.rank() != target.rank() || !Arrays.equals(Arrays.copyOfRange(part.shape(), 1, part.rank()),
                    Arrays.copyOfRange(target.shape(), 1, target.rank()))) {
                throw new IllegalStateException("batches gave outputs of shapes " + Arrays.toString(target.shape())
                        + " and " + Arrays.toString(part.shape()) + " (beyond the rows)");
            }
            long rowLength = target.length() / rows;
            if (part.dataType() == target.dataType() && part.ordering() == 'c' && part.elementWiseStride() == 1
                    && part.length() == part.size(0) * rowLength) {
                // a memory copy: ND4J's assign into a view of the result took ~0.9 ms per batch of 256 images
                long element = part.dataType().width();
                org.bytedeco.javacpp.Pointer.memcpy(
                        new org.bytedeco.javacpp.BytePointer(target.data().addressPointer()).position((target.offset() + from * rowLength) * element),
                        new org.bytedeco.javacpp.BytePointer(part.data().addressPointer()).position(part.offset() * element),
                        part.length() * element);
                java.lang.ref.Reference.reachabilityFence(part);
            } else {
                target.get(NDArrayIndex.interval(from, from + part.size(0))).assign(part);
            }
        }
    }
}
