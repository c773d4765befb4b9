package org.ae4j.vae;

import org.ae4j.loss.BinaryCrossEntropy;
import org.ae4j.nn.Sigmoid;
import org.ae4j.spi.Kernels;
import org.ae4j.spi.LossResult;
import org.ae4j.spi.OnnxExportableLoss;
import org.ae4j.spi.OnnxGraph;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Bernoulli likelihood on logits {@code s} (Kingma &amp; Welling, 2014, appendix C.1), for data in
 * [0, 1]: {@code −log p(x|z) = Σᵢ [max(sᵢ, 0) − sᵢxᵢ + log(1 + e^{−|sᵢ|})]} per example, the
 * numerically stable binary cross-entropy summed over values. Gradient {@code (σ(s) − x)/B}.
 * The reconstruction (mean) is {@code σ(s)}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class BernoulliLikelihood implements Likelihood, OnnxExportableLoss {

    public static final String NAME = "bernoulli";

    private static final Sigmoid SIGMOID = new Sigmoid();

    @Override
    public String name() {
        return NAME;
    }

    private final BernoulliLogits kernel;

    /** @param kernels the kernels whose choice picks this likelihood's own (see {@link BernoulliLogits}) */
    public BernoulliLikelihood(org.ae4j.spi.Kernels kernels) {
        this.kernel = kernels.select(Nd4jBernoulliLogits::new, VectorBernoulliLogits::new);
    }

    @Override
    public INDArray negativeLogLikelihood(INDArray logits, INDArray target) {
        Shapes.requireSameShape(NAME, logits, target);
        return kernel.perExample(logits, target);
    }

    /** Value and gradient in one {@link BernoulliLogits} pass. */
    @Override
    public LossResult evaluate(INDArray logits, INDArray target) {
        Shapes.requireSameShape(NAME, logits, target);
        INDArray gradient = Nd4j.createUninitialized(logits.dataType(), logits.shape());
        long batch = logits.size(0);
        return new LossResult(kernel.evaluate(logits, target, gradient, 1.0 / batch) / batch, gradient);
    }

    @Override
    public java.util.Optional<INDArray> initialOutput(INDArray mean, INDArray variance) {
        return java.util.Optional.of(org.ae4j.loss.BinaryCrossEntropy.logOdds(mean));
    }

    @Override
    public INDArray reconstruction(INDArray logits) {
        return Transforms.sigmoid(logits, true);
    }

    /** The sigmoid of the logits, over them, on the fused kernels (ND4J's own sigmoid took 3.7 times as long). */
    @Override
    public INDArray reconstructionInPlace(INDArray logits, Kernels kernels) {
        kernels.channelBiasActivation(logits, null, SIGMOID);
        return logits;
    }

    /** ONNX {@code Sigmoid}. */
    @Override
    public String reconstructionToOnnx(OnnxGraph graph, String output) {
        return graph.node("Sigmoid", output).output();
    }

    /** The stable binary cross-entropy of each value, summed over each example. */
    @Override
    public String perExampleToOnnx(OnnxGraph graph, String output, String target) {
        return graph.sumPerExample(BinaryCrossEntropy.elementwiseToOnnx(graph, output, target));
    }
}
