package org.ae4j.nn;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.ae4j.spi.Activation;
import org.ae4j.spi.Kernels;
import org.ae4j.spi.Layer;
import org.ae4j.spi.OnnxExportable;
import org.ae4j.spi.OnnxGraph;
import org.ae4j.spi.Parameter;
import org.ae4j.spi.Trace;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A fully connected layer {@code Y = f(X·W + b)}.
 *
 * <p>Shapes: {@code X [batch, in]}, {@code W [in, out]}, {@code b [1, out]}, {@code Y [batch, out]}.
 * Backward with {@code G = ∂L/∂Y ⊙ f′}: {@code ∂L/∂W += Xᵀ·G}, {@code ∂L/∂b += Σ_rows G},
 * {@code ∂L/∂X = G·Wᵀ}. Forward: the product {@code X·W}, then bias and activation by
 * {@link Kernels#biasActivation}; backward: {@code f′} and the bias gradient by
 * {@link Kernels#backpropWithBias}, then {@code Xᵀ·G}. Parameter gradients are accumulated straight into
 * their buffers; products go through {@link Kernels#gemm}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Dense implements Layer, OnnxExportable {

    /**
     * The most output values the forward pass computes in one product: a larger output (a big inference batch of a
     * wide layer) is computed in blocks of rows, each product followed by its bias and activation while the block is
     * still in the core's cache. Measured on the vanilla model's 784-wide sigmoid layer, 1,024 rows: the activation
     * over the whole output, read back from beyond the cache, took a third of the inference time.
     */
    static final long BLOCK_VALUES = 1L << 18;

    private final String name;
    private final long inputs;
    private final long units;
    private final Activation activation;
    private final Parameter weights;
    private final Parameter bias;
    private final Kernels kernels;

    /**
     * @param weights {@code [inputs, units]}
     * @param bias    {@code [1, units]}
     * @param kernels the kernels it computes with
     */
    public Dense(String name, Activation activation, INDArray weights, INDArray bias, Kernels kernels) {
        this.name = Objects.requireNonNull(name, "name");
        this.activation = Objects.requireNonNull(activation, "activation");
        this.kernels = Objects.requireNonNull(kernels, "kernels");
        if (weights.rank() != 2) {
            throw new IllegalArgumentException("layer '" + name + "' weights must be [inputs, units], got "
                    + Arrays.toString(weights.shape()));
        }
        this.inputs = weights.size(0);
        this.units = weights.size(1);
        if (bias.rank() != 2 || bias.size(0) != 1 || bias.size(1) != units) {
            throw new IllegalArgumentException("layer '" + name + "' bias must be [1, " + units + "], got "
                    + Arrays.toString(bias.shape()));
        }
        if (bias.dataType() != weights.dataType()) {
            throw new IllegalArgumentException("layer '" + name + "' bias is " + bias.dataType()
                    + " but weights are " + weights.dataType());
        }
        this.weights = new Parameter(name + ".W", Parameter.Kind.WEIGHT, weights);
        this.bias = new Parameter(name + ".b", Parameter.Kind.BIAS, bias);
    }

    @Override
    public String name() {
        return name;
    }

    public Activation activation() {
        return activation;
    }

    public Parameter weights() {
        return weights;
    }

    public Parameter bias() {
        return bias;
    }

    @Override
    public long[] inputShape() {
        return new long[] {inputs};
    }

    @Override
    public long[] outputShape() {
        return new long[] {units};
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weights, bias);
    }

    @Override
    public Trace forward(INDArray input) {
        if (input.rank() != 2 || input.size(1) != inputs) {
            throw new IllegalArgumentException("layer '" + name + "' expects input [batch, " + inputs
                    + "], got " + Arrays.toString(input.shape()));
        }
        INDArray w = weights.value();
        long rows = input.size(0);
        INDArray output = Nd4j.createUninitialized(w.dataType(), rows, units);
        long blocks = (rows * units + BLOCK_VALUES - 1) / BLOCK_VALUES;
        if (blocks < 2) {
            kernels.gemm(input, w, output, false, false, 1.0, 0.0);
            kernels.biasActivation(output, bias.value(), activation);
        } else {
            for (long b = 0; b < blocks; b++) {
                INDArrayIndex block = NDArrayIndex.interval(b * rows / blocks, (b + 1) * rows / blocks);
                INDArray out = output.get(block, NDArrayIndex.all());
                kernels.gemm(input.get(block, NDArrayIndex.all()), w, out, false, false, 1.0, 0.0);
                kernels.biasActivation(out, bias.value(), activation);
            }
        }
        return Trace.of(input, output);
    }

    @Override
    public INDArray backward(Trace trace, INDArray outputGradient) {
        INDArray g = accumulate(trace, outputGradient);
        INDArray inputGradient = Nd4j.createUninitialized(g.dataType(), g.size(0), inputs);
        return kernels.gemm(g, weights.value(), inputGradient, false, true, 1.0, 0.0);
    }

    @Override
    public void backwardParameters(Trace trace, INDArray outputGradient) {
        accumulate(trace, outputGradient);
    }

    /** Applies f′ in place and adds the parameter gradients; returns ∂L/∂(X·W + b). */
    private INDArray accumulate(Trace trace, INDArray outputGradient) {
        kernels.backpropWithBias(trace.output(), outputGradient, bias.gradient(), activation);
        boolean empty = weights.claimGradient();             // the step's first contribution overwrites: no zeros, no read
        kernels.gemm(trace.input(), outputGradient, weights.gradient(), true, false, 1.0, empty ? 0.0 : 1.0);
        return outputGradient;
    }

    @Override
    public String toString() {
        return "Dense(" + name + ": " + inputs + " → " + units + ", " + activation.name() + ")";
    }

    /** ONNX {@code Gemm(x, W, b)} ({@code b} broadcast over the batch), then the activation. */
    @Override
    public String toOnnx(OnnxGraph graph, String input) {
        String product = graph.node("Gemm", input, graph.constant(weights.name(), weights.value()),
                graph.constant(bias.name(), bias.value())).output();
        return graph.add("the activation '" + activation.name() + "' of layer '" + name + "'", activation, product);
    }
}
