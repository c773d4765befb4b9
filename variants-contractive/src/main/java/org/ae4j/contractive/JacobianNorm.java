package org.ae4j.contractive;

import java.util.Optional;
import org.ae4j.nn.Dense;
import org.ae4j.nn.Sequential;
import org.ae4j.spi.Encoder;
import org.ae4j.spi.RandomSource;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The squared Frobenius norm of an encoder's Jacobian, {@code ‖J_f(x)‖²_F = Σᵢⱼ (∂fⱼ/∂xᵢ)²}, averaged
 * over a batch: the quantity the contractive autoencoder penalises (Rifai et al., 2011).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class JacobianNorm {

    private JacobianNorm() {
    }

    /** The encoder's single dense sigmoid layer, when it has exactly that shape (the closed form applies). */
    public static Optional<Dense> oneLayerSigmoid(Encoder encoder) {
        if (encoder instanceof Sequential chain && chain.layers().size() == 1 && chain.layers().get(0) instanceof Dense dense
                && dense.activation().name().equals("sigmoid")) {
            return Optional.of(dense);
        }
        return Optional.empty();
    }

    /**
     * Closed form for {@code h = σ(xW + b)}: {@code ‖J‖²_F = Σⱼ (hⱼ(1 − hⱼ))² Σᵢ Wᵢⱼ²}, batch mean.
     */
    public static double exact(Dense layer, INDArray x) {
        INDArray h = layer.forward(x).output();
        INDArray w = layer.weights().value();
        INDArray columnNorms = w.mul(w).sum(true, 0);
        INDArray d = h.rsub(1.0).muli(h);
        return d.muli(d).mulRowVector(columnNorms).sumNumber().doubleValue() / x.size(0);
    }

    /**
     * Monte-Carlo estimate for any encoder: {@code E_ε ‖f(x + ε) − f(x)‖² / σ²}, {@code ε ~ N(0, σ²I)},
     * batch mean over {@code samples} draws. Its bias is O(σ²).
     */
    public static double stochastic(Encoder encoder, INDArray x, double sigma, int samples, RandomSource random) {
        INDArray h = encoder.forward(x).output();
        double sum = 0;
        for (int s = 0; s < samples; s++) {
            INDArray noisy = random.gaussianInPlace(Nd4j.createUninitialized(x.dataType(), x.shape()), 0, sigma).addi(x);
            INDArray diff = encoder.forward(noisy).output().sub(h);
            double norm = diff.norm2Number().doubleValue();
            sum += norm * norm;
        }
        return sum / (samples * sigma * sigma * x.size(0));
    }
}
