package org.ae4j.sparse;

import java.util.List;
import org.ae4j.spi.Bottleneck;
import org.ae4j.spi.Encoder;
import org.ae4j.spi.ForwardPass;
import org.ae4j.spi.GradientSink;
import org.ae4j.spi.Parameter;
import org.ae4j.spi.Regularizer;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * L1 penalty on activations (Goodfellow, Bengio &amp; Courville, <i>Deep Learning</i>, §14.2.1):
 * {@code R = (λ/B) Σ_b Σⱼ |a_bj|}, {@code ∂R/∂a = (λ/B)·sign(a)} (0 at 0).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class L1Activity implements Regularizer {

    public static final String NAME = "l1-activity";

    private final L1ActivitySpec spec;

    public L1Activity(L1ActivitySpec spec) {
        this.spec = spec;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void requireCompatible(Encoder encoder, Bottleneck bottleneck) {
        if (spec.layer() != WatchedLayer.CODE) {
            WatchedLayer.activationName(encoder, bottleneck, spec.layer(), NAME);
        }
    }

    @Override
    public double penalize(ForwardPass pass, List<Parameter> parameters, GradientSink sink) {
        INDArray a = WatchedLayer.activations(pass, spec.layer());
        double scale = spec.lambda() / a.size(0);
        WatchedLayer.gradientTarget(sink, spec.layer()).accept(Transforms.sign(a, true).muli(scale));
        return scale * a.norm1Number().doubleValue();
    }
}
