package org.ae4j.nn;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.ae4j.spi.Activation;
import org.ae4j.spi.Layer;
import org.ae4j.spi.Parameter;
import org.ae4j.spi.Trace;
import org.ae4j.util.Fused;
import org.ae4j.util.Gemm;
import org.ae4j.util.OnesRow;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A fully connected layer {@code Y = f(X·W + b)}.
 *
 * <p>Shapes: {@code X [batch, in]}, {@code W [in, out]}, {@code b [1, out]}, {@code Y [batch, out]}.
 * Backward with {@code G = ∂L/∂Y ⊙ f′}: {@code ∂L/∂W += Xᵀ·G}, {@code ∂L/∂b += Σ_rows G},
 * {@code ∂L/∂X = G·Wᵀ}. With the {@link Fused} kernels (float, built-in activations): the product
 * {@code X·W}, then bias and activation in one pass; backward, {@code f′} and the bias gradient in one
 * pass, then {@code Xᵀ·G}. Otherwise three native calls forward (the bias as a rank-1 product
 * {@code 1·b}, then {@code X·W} added to it, then the activation), and the bias gradient as {@code 1·G}.
 * Parameter gradients are accumulated straight into their buffers; products go through {@link Gemm}.
 */
public final class Dense implements Layer {

    private final String name;
    private final long inputs;
    private final long units;
    private final Activation activation;
    private final Parameter weights;
    private final Parameter bias;
    /** The fused kernel of a built-in activation, or null. */
    private final Fused.Pointwise kernel;

    /**
     * @param weights {@code [inputs, units]}
     * @param bias    {@code [1, units]}
     */
    public Dense(String name, Activation activation, INDArray weights, INDArray bias) {
        this.name = Objects.requireNonNull(name, "name");
        this.activation = Objects.requireNonNull(activation, "activation");
        this.kernel = Fused.of(activation);
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
        INDArray output = Nd4j.createUninitialized(w.dataType(), input.size(0), units);
        if (Fused.enabled() && kernel != null) {
            Gemm.into(input, w, output, false, false, 1.0, 0.0);
            if (Fused.biasActivation(output, bias.value(), kernel)) {
                return Trace.of(input, output);
            }
            // not float arrays in C order: the products below overwrite the output (beta 0 first)
        }
        // Y = 1·b + X·W as two products: the rank-1 one broadcasts the bias more cheaply than a broadcast op
        Gemm.into(OnesRow.of(w.dataType(), input.size(0)), bias.value(), output, true, false, 1.0, 0.0);
        Gemm.into(input, w, output, false, false, 1.0, 1.0);
        activation.applyInPlace(output);
        return Trace.of(input, output);
    }

    @Override
    public INDArray backward(Trace trace, INDArray outputGradient) {
        INDArray g = accumulate(trace, outputGradient);
        INDArray inputGradient = Nd4j.createUninitialized(g.dataType(), g.size(0), inputs);
        return Gemm.into(g, weights.value(), inputGradient, false, true, 1.0, 0.0);
    }

    @Override
    public void backwardParameters(Trace trace, INDArray outputGradient) {
        accumulate(trace, outputGradient);
    }

    /** Applies f′ in place and adds the parameter gradients; returns ∂L/∂(X·W + b). */
    private INDArray accumulate(Trace trace, INDArray outputGradient) {
        INDArray g;
        if (Fused.backpropWithBias(trace.output(), outputGradient, bias.gradient(), kernel)) {
            g = outputGradient;
        } else {
            g = activation.backpropInPlace(trace.output(), outputGradient);
            OnesRow.addColumnSums(g, bias.gradient());
        }
        Gemm.into(trace.input(), g, weights.gradient(), true, false, 1.0, 1.0);
        return g;
    }

    @Override
    public String toString() {
        return "Dense(" + name + ": " + inputs + " → " + units + ", " + activation.name() + ")";
    }
}
