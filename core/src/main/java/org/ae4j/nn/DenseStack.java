package org.ae4j.nn;

import java.util.List;
import java.util.Optional;
import org.ae4j.spi.Kernels;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The small-model path: a stack of small dense layers — a table's autoencoder, its encoder's layers then its
 * decoder's — run whole with a squared-error loss (missing targets, {@code NaN}, skipped when masked), every
 * intermediate array in buffers each thread keeps for the batch size at hand. The layer-by-layer path makes new
 * arrays for every output and gradient of every step; each costs native wrappers, shape buffers and a deallocation
 * (several µs, the profile's top entries), and for layers of 9–64 units those costs are most of a training step and
 * nearly all of scoring one row. The arithmetic is the layers' own: the kernels' products (in Java for small
 * ones), fused bias and activation, fused backward and squared error.
 *
 * <p>Results equal the layer-by-layer path's up to float rounding. {@link #fits} decides by size: every product of
 * a batch with a layer's weights at most {@link #MAX_MULTIPLY_ADDS} multiply-adds. {@link org.ae4j.model.Autoencoder} uses it when its kernels {@link Kernels#fusesSmallLayers fuse small
 * layers} and the model is such a stack: dense layers with identity, ReLU, sigmoid or tanh activations and float
 * parameters, no bottleneck of its own, no regularizer.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.3")
public final class DenseStack {

    /**
     * The largest product (rows × inputs × units of one layer) run on this path: tables' layers at any batch size,
     * one image; not the 784-wide layers of image models at training batch sizes, whose steps arrays no longer
     * dominate.
     */
    public static final long MAX_MULTIPLY_ADDS = 1 << 22;

    /** Batch sizes whose buffers a thread keeps (a training run meets two: the batch and the epoch's last). */
    private static final int SIZES_KEPT = 4;

    private final Dense[] layers;
    private final Kernels kernels;
    private final int codeLayer;
    private final boolean masked;
    private final int[] widths;
    private final ThreadLocal<java.util.LinkedHashMap<Integer, Buffers>> buffers = ThreadLocal.withInitial(
            () -> new java.util.LinkedHashMap<>(8, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<Integer, Buffers> eldest) {
                    return size() > SIZES_KEPT;
                }
            });

    private DenseStack(Dense[] layers, Kernels kernels, int codeLayer, boolean masked) {
        this.layers = layers;
        this.kernels = kernels;
        this.codeLayer = codeLayer;
        this.masked = masked;
        this.widths = new int[layers.length + 1];
        widths[0] = (int) layers[0].inputShape()[0];
        for (int l = 0; l < layers.length; l++) {
            widths[l + 1] = (int) layers[l].outputShape()[0];
        }
    }

    /**
     * The stack of {@code encoder}'s then {@code decoder}'s layers computing with {@code kernels}, if every one is a
     * dense layer with a function the fused kernels know and float parameters; {@code maskedLoss}: the loss skips
     * missing targets.
     */
    public static Optional<DenseStack> of(List<?> encoder, List<?> decoder, Kernels kernels, boolean maskedLoss) {
        if (encoder.isEmpty() || decoder.isEmpty()) {
            return Optional.empty();
        }
        int count = encoder.size() + decoder.size();
        Dense[] layers = new Dense[count];
        for (int l = 0; l < count; l++) {
            Object layer = l < encoder.size() ? encoder.get(l) : decoder.get(l - encoder.size());
            if (!(layer instanceof Dense dense) || dense.weights().value().dataType() != DataType.FLOAT
                    || dense.bias().value().dataType() != DataType.FLOAT || dense.activation().pointwise().isEmpty()) {
                return Optional.empty();
            }
            layers[l] = dense;
        }
        return Optional.of(new DenseStack(layers, kernels, encoder.size(), maskedLoss));
    }

    /** Whether a batch of {@code rows} is small enough for this path. */
    public boolean fits(long rows) {
        for (int l = 0; l < layers.length; l++) {
            if (rows * widths[l] * widths[l + 1] > MAX_MULTIPLY_ADDS) {
                return false;
            }
        }
        return true;
    }

    /** The code of each row (the output of the encoder's last layer), {@code [rows, code]}: a new array. */
    public INDArray encode(INDArray input) {
        return forward(input, codeLayer).activations[codeLayer].dup();
    }

    /** The decoder's output for each row, {@code [rows, inputs]}: a new array. */
    public INDArray reconstruct(INDArray input) {
        return forward(input, layers.length).activations[layers.length].dup();
    }

    /** Each row's mean squared error against {@code target} (over its observed entries when masked), {@code [rows]}. */
    public INDArray lossPerExample(INDArray input, INDArray target) {
        return kernels.meanSquaredErrorPerExample(forward(input, layers.length).activations[layers.length], target, masked);
    }

    /** The batch's mean squared error against {@code target} (over its observed entries when masked). */
    public double loss(INDArray input, INDArray target) {
        Buffers b = forward(input, layers.length);
        return error(b, target, false);
    }

    /**
     * A training step's forward and backward pass: adds {@code ∂L/∂θ} to every layer's gradient buffers (zeroed by
     * the caller) and returns the loss {@code L}, the mean squared error of the batch.
     */
    public double gradients(INDArray input, INDArray target) {
        Buffers b = forward(input, layers.length);
        double loss = error(b, target, true);
        INDArray g = b.gradients[layers.length];
        for (int l = layers.length - 1; l >= 0; l--) {
            Dense layer = layers[l];
            kernels.backpropWithBias(b.activations[l + 1], g, layer.bias().gradient(), layer.activation());
            boolean empty = layer.weights().claimGradient();
            kernels.gemm(l == 0 ? input : b.activations[l], g, layer.weights().gradient(), true, false, 1.0, empty ? 0.0 : 1.0);
            if (l > 0) {
                g = kernels.gemm(g, layer.weights().value(), b.gradients[l], false, true, 1.0, 0.0);
            }
        }
        return loss;
    }

    /**
     * The mean squared error of the last layer's output against {@code target}; with {@code gradient} its gradient
     * is left in the buffers' last gradient.
     */
    private double error(Buffers b, INDArray target, boolean gradient) {
        INDArray output = b.activations[layers.length];
        INDArray g = b.gradients[layers.length];
        if (masked) {
            double[] sumAndCount = kernels.maskedSquaredError(output, target, g);
            if (sumAndCount[1] == 0) {
                return 0;
            }
            if (gradient) {
                kernels.scaleAdd(g, 2.0 / sumAndCount[1], g, 0.0);
            }
            return sumAndCount[0] / sumAndCount[1];
        }
        double n = output.length();
        return kernels.squaredError(output, target, g, 2.0 / n) / n;
    }

    /** Runs layers {@code 0 … upTo − 1} on {@code input}; their outputs are in the returned buffers. */
    private Buffers forward(INDArray input, int upTo) {
        if (input.rank() != 2 || input.size(1) != widths[0]) {
            throw new IllegalArgumentException("the dense stack expects input [batch, " + widths[0] + "], got "
                    + java.util.Arrays.toString(input.shape()));
        }
        int rows = (int) input.size(0);
        Buffers b = buffers.get().computeIfAbsent(rows, Buffers::new);
        for (int l = 0; l < upTo; l++) {
            Dense layer = layers[l];
            kernels.gemm(l == 0 ? input : b.activations[l], layer.weights().value(), b.activations[l + 1], false, false, 1.0, 0.0);
            kernels.biasActivation(b.activations[l + 1], layer.bias().value(), layer.activation());
        }
        return b;
    }

    /**
     * One thread's arrays for batches of one size, made outside every workspace and reused: the outputs and gradients
     * of layers 1…n (the input stays the caller's, and no reference to it is kept after a call).
     */
    private final class Buffers {
        final INDArray[] activations = new INDArray[layers.length + 1];
        final INDArray[] gradients = new INDArray[layers.length + 1];

        Buffers(int rows) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                for (int l = 1; l <= layers.length; l++) {
                    activations[l] = Nd4j.createUninitialized(DataType.FLOAT, rows, widths[l]);
                    gradients[l] = Nd4j.createUninitialized(DataType.FLOAT, rows, widths[l]);
                }
            }
        }
    }
}
