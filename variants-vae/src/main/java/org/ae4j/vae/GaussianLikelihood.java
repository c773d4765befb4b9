package org.ae4j.vae;

import java.util.Arrays;
import java.util.List;
import org.ae4j.spi.LossResult;
import org.ae4j.spi.OnnxExportableLoss;
import org.ae4j.spi.OnnxGraph;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Diagonal Gaussian likelihood {@code p(x|z) = N(x; m, v)}:
 * {@code −log p(x|z) = ½ Σᵢ [log 2π + log vᵢ + (xᵢ − mᵢ)²/vᵢ]} per example.
 * <ul>
 *   <li>fixed variance: the decoder outputs the mean {@code m}; {@code v} is the configured constant;
 *       gradient {@code (m − x)/(v·B)};</li>
 *   <li>learned variance: the decoder outputs {@code [m, log v]} side by side ({@code 2d} values per
 *       example); gradients {@code (m − x)/(v·B)} and {@code ½(1 − (x − m)²/v)/B}.</li>
 * </ul>
 * The reconstruction is the mean {@code m}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class GaussianLikelihood implements Likelihood, OnnxExportableLoss {

    public static final String NAME = "gaussian";
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final double variance;
    private final boolean learned;

    /**
     * @param variance the fixed variance (ignored when learned)
     * @param learned  whether the decoder predicts a log-variance per value
     */
    public GaussianLikelihood(double variance, boolean learned) {
        if (!(variance > 0) || Double.isInfinite(variance)) {
            throw new IllegalArgumentException("gaussian variance must be a finite number > 0, got " + variance);
        }
        this.variance = variance;
        this.learned = learned;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long[] outputShape(long[] dataShape) {
        if (!learned) {
            return dataShape.clone();
        }
        return new long[] {2 * Arrays.stream(dataShape).reduce(1, Math::multiplyExact)};
    }

    @Override
    public INDArray negativeLogLikelihood(INDArray output, INDArray target) {
        INDArray x = flat(target);
        INDArray mean = mean(output, x);
        INDArray squared = mean.sub(x);
        squared.muli(squared);
        INDArray perValue;
        if (learned) {
            INDArray logVariance = logVariance(output, x);
            perValue = squared.muli(Transforms.exp(logVariance.neg(), false)).addi(logVariance);
        } else {
            perValue = squared.divi(variance).addi(Math.log(variance));
        }
        return perValue.addi(LOG_2PI).muli(0.5).sum(1);
    }

    @Override
    public LossResult evaluate(INDArray output, INDArray target) {
        INDArray x = flat(target);
        double value = negativeLogLikelihood(output, target).meanNumber().doubleValue();
        double batch = output.size(0);
        INDArray mean = mean(output, x);
        INDArray diff = mean.sub(x);
        if (!learned) {
            return new LossResult(value, diff.divi(variance * batch).reshape('c', output.shape()));
        }
        INDArray inverseVariance = Transforms.exp(logVariance(output, x).neg(), false);
        INDArray gradientMean = diff.mul(inverseVariance).divi(batch);
        INDArray gradientLogVariance = diff.muli(diff).muli(inverseVariance).rsubi(1.0).muli(0.5 / batch);
        return new LossResult(value, org.nd4j.linalg.factory.Nd4j.hstack(gradientMean, gradientLogVariance)
                .reshape('c', output.shape()));
    }

    /** The mean; with a learned variance also the log of the data's variance (at least 1e-4). */
    @Override
    public java.util.Optional<INDArray> initialOutput(INDArray mean, INDArray variance) {
        if (!learned) {
            return java.util.Optional.of(mean.dup());
        }
        INDArray logVariance = Transforms.log(Transforms.max(variance, 1e-4, true), false);
        return java.util.Optional.of(org.nd4j.linalg.factory.Nd4j.hstack(mean, logVariance));
    }

    @Override
    public INDArray reconstruction(INDArray output) {
        INDArray rows = output.reshape('c', output.size(0), output.length() / output.size(0));
        return learned ? rows.get(NDArrayIndex.all(), NDArrayIndex.interval(0, rows.size(1) / 2)).dup('c') : output.dup();
    }

    /** The output itself when it holds only the means, else the means copied out. */
    @Override
    public INDArray reconstructionInPlace(INDArray output, org.ae4j.spi.Kernels kernels) {
        return learned ? reconstruction(output) : output;
    }

    private static INDArray flat(INDArray a) {
        return a.reshape('c', a.size(0), a.length() / a.size(0));
    }

    private INDArray mean(INDArray output, INDArray flatTarget) {
        INDArray rows = flat(output);
        long d = flatTarget.size(1);
        if (rows.size(0) != flatTarget.size(0) || rows.size(1) != (learned ? 2 * d : d)) {
            throw new IllegalArgumentException(NAME + (learned ? " (learned variance)" : "") + ": output "
                    + Arrays.toString(output.shape()) + " does not fit targets " + Arrays.toString(flatTarget.shape())
                    + (learned ? "; expected 2 values (mean, log-variance) per target value" : ""));
        }
        return learned ? rows.get(NDArrayIndex.all(), NDArrayIndex.interval(0, d)).dup('c') : rows;
    }

    private static INDArray logVariance(INDArray output, INDArray flatTarget) {
        long d = flatTarget.size(1);
        return flat(output).get(NDArrayIndex.all(), NDArrayIndex.interval(d, 2 * d)).dup('c');
    }

    /** The mean: the output itself, or its first half per example with a learned variance. */
    @Override
    public String reconstructionToOnnx(OnnxGraph graph, String output) {
        return learned ? half(graph, output, 0) : output;
    }

    /** {@code ½ Σᵢ [log 2π + log vᵢ + (xᵢ − mᵢ)²/vᵢ]} over each example's values. */
    @Override
    public String perExampleToOnnx(OnnxGraph graph, String output, String target) {
        String x = graph.node("Flatten", target).integer("axis", 1).output();
        String m = learned ? half(graph, output, 0) : graph.node("Flatten", output).integer("axis", 1).output();
        String difference = graph.node("Sub", m, x).output();
        String squared = graph.node("Mul", difference, difference).output();
        String perValue;
        if (learned) {
            String logVariance = half(graph, output, 1);
            String scaled = graph.node("Mul", squared, graph.node("Exp", graph.node("Neg", logVariance).output()).output()).output();
            perValue = graph.node("Add", scaled, logVariance).output();
        } else {
            perValue = graph.node("Add", graph.node("Div", squared, graph.scalar("variance", (float) variance)).output(),
                    graph.scalar("log_variance", (float) Math.log(variance))).output();
        }
        String withConstant = graph.node("Add", perValue, graph.scalar("log_2pi", (float) LOG_2PI)).output();
        return graph.node("Mul", graph.sumPerExample(withConstant), graph.scalar("half", 0.5f)).output();
    }

    /** The first ({@code which = 0}: means) or second half (log-variances) of each example's {@code 2d} outputs. */
    private static String half(OnnxGraph graph, String output, int which) {
        List<String> halves = graph.node("Split", graph.node("Flatten", output).integer("axis", 1).output())
                .integer("axis", 1).outputs(2);
        return halves.get(which);
    }
}
