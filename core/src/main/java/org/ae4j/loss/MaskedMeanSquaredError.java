package org.ae4j.loss;

import org.ae4j.spi.Kernels;
import org.ae4j.spi.LossResult;
import org.ae4j.spi.OnnxExportableLoss;
import org.ae4j.spi.OnnxGraph;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Mean squared error over the observed entries only: a target entry that is {@code NaN} is missing and
 * neither counts nor gets a gradient. With {@code O} the observed entries of the batch,
 * {@code L = (1/|O|) Σ_{i∈O} (x̂ᵢ − xᵢ)²} and {@code ∂L/∂x̂ᵢ = (2/|O|)(x̂ᵢ − xᵢ)} on {@code O}, 0 elsewhere
 * (0 and no gradient for a batch with nothing observed). Per example the mean is over that example's observed
 * entries. A model with this loss sees 0 at its input where a value is missing ({@link #skipsMissingTargets}).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class MaskedMeanSquaredError extends ElementwiseLoss implements OnnxExportableLoss {

    public static final String NAME = "masked-mse";

    private final Kernels kernels;

    /** @param kernels compute the error and its gradient (in Java for small arrays: a table's batches, one row) */
    public MaskedMeanSquaredError(Kernels kernels) {
        this.kernels = java.util.Objects.requireNonNull(kernels, "kernels");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean skipsMissingTargets() {
        return true;
    }

    @Override
    public LossResult evaluate(INDArray output, INDArray target) {
        LossShapes.requireSameShape(NAME, output, target);
        INDArray gradient = Nd4j.createUninitialized(output.dataType(), output.shape());
        double[] sumAndCount = kernels.maskedSquaredError(output, target, gradient);     // 0 where nothing is observed
        double n = sumAndCount[1];
        if (n == 0) {
            return new LossResult(0, gradient);
        }
        kernels.scaleAdd(gradient, 2.0 / n, gradient, 0.0);
        return new LossResult(sumAndCount[0] / n, gradient);
    }

    /** The value alone: no gradient array is made. */
    @Override
    public double value(INDArray output, INDArray target) {
        LossShapes.requireSameShape(NAME, output, target);
        double[] sumAndCount = kernels.maskedSquaredError(output, target, Nd4j.createUninitialized(output.dataType(), output.shape()));
        return sumAndCount[1] == 0 ? 0 : sumAndCount[0] / sumAndCount[1];
    }

    @Override
    public INDArray perExample(INDArray output, INDArray target) {
        LossShapes.requireSameShape(NAME, output, target);
        return kernels.meanSquaredErrorPerExample(output, target, true);
    }

    @Override
    INDArray elementwise(INDArray output, INDArray target) {
        INDArray diff = Nd4j.createUninitialized(output.dataType(), output.shape());
        kernels.maskedSquaredError(output, target, diff);
        return diff.muli(diff);
    }

    @Override
    INDArray gradient(INDArray output, INDArray target, double n) {
        throw new IllegalStateException("evaluate() computes the masked gradient");
    }

    @Override
    public java.util.Optional<INDArray> initialOutput(INDArray mean, INDArray variance) {
        return java.util.Optional.of(mean.dup());
    }

    @Override
    public INDArray reconstruction(INDArray output) {
        return output.dup();
    }

    /** The output itself: it is in data space. */
    @Override
    public INDArray reconstructionInPlace(INDArray output, Kernels kernels) {
        return output;
    }

    /** Nothing to add: the output is in data space. */
    @Override
    public String reconstructionToOnnx(OnnxGraph graph, String output) {
        return output;
    }

    /**
     * Each example's squared error summed over its observed ({@code not IsNaN}) entries, divided by their count at
     * least 1 (0 for an example with nothing observed, as here).
     */
    @Override
    public String perExampleToOnnx(OnnxGraph graph, String output, String target) {
        String observed = graph.node("Not", graph.node("IsNaN", target).output()).output();
        String difference = graph.node("Sub", output, target).output();
        String squared = graph.node("Where", observed, graph.node("Mul", difference, difference).output(),
                graph.scalar("zero", 0f)).output();
        String count = graph.sumPerExample(graph.node("Cast", observed).integer("to", 1).output());
        return graph.node("Div", graph.sumPerExample(squared), graph.node("Max", count, graph.scalar("one", 1f)).output())
                .output();
    }
}
