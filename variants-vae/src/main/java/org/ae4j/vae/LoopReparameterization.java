package org.ae4j.vae;

import java.nio.FloatBuffer;
import java.util.Map;
import org.ae4j.kernel.NativeFloats;
import org.ae4j.spi.Code;
import org.ae4j.spi.Kernels;
import org.ae4j.spi.RandomSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link Reparameterization} in one plain Java loop each way over the small {@code [B, 2L]} float arrays;
 * other arrays (doubles, for gradient checks) go to {@link Nd4jReparameterization}.
 */
final class LoopReparameterization implements Reparameterization {

    private final int latent;
    private final double logVarMin;
    private final double logVarMax;
    private final Kernels kernels;
    private final Reparameterization nd4j;

    LoopReparameterization(long latent, double logVarMin, double logVarMax, Kernels kernels) {
        this.latent = Math.toIntExact(latent);
        this.logVarMin = logVarMin;
        this.logVarMax = logVarMax;
        this.kernels = kernels;
        this.nd4j = new Nd4jReparameterization(latent, logVarMin, logVarMax, kernels);
    }

    @Override
    public Code forward(INDArray h, INDArray parameters, RandomSource random, double klWeight) {
        if (!NativeFloats.plain(parameters)) {
            return nd4j.forward(h, parameters, random, klWeight);
        }
        int b = (int) h.size(0);
        int l = latent;
        INDArray epsilon = kernels.gaussian(Nd4j.createUninitialized(DataType.FLOAT, b, l), 0, 1, random);
        INDArray z = Nd4j.createUninitialized(DataType.FLOAT, b, l);
        INDArray std = Nd4j.createUninitialized(DataType.FLOAT, b, l);
        FloatBuffer o = NativeFloats.floats(parameters);
        FloatBuffer e = NativeFloats.floats(epsilon);
        FloatBuffer zs = NativeFloats.floats(z);
        FloatBuffer ss = NativeFloats.floats(std);
        double terms = 0;
        for (int row = 0; row < b; row++) {
            for (int j = 0; j < l; j++) {
                float mu = o.get(row * 2 * l + j);
                float logVariance = (float) Math.min(logVarMax, Math.max(logVarMin, o.get(row * 2 * l + l + j)));
                float sigma = (float) Math.exp(0.5 * logVariance);
                ss.put(row * l + j, sigma);
                zs.put(row * l + j, mu + sigma * e.get(row * l + j));
                terms += 1 + logVariance - mu * mu - sigma * sigma;
            }
        }
        double kl = -0.5 * terms / b;
        return new Code(h, z, klWeight * kl, Map.of("parameters", parameters, "epsilon", epsilon, "std", std,
                "klWeight", Nd4j.scalar(klWeight)));
    }

    @Override
    public INDArray backward(Code code, INDArray codeGradient) {
        if (!code.saved().containsKey("parameters")) {
            return nd4j.backward(code, codeGradient);
        }
        int b = (int) code.features().size(0);
        int l = latent;
        double scale = code.saved("klWeight").getDouble(0) / b;
        INDArray dOut = Nd4j.createUninitialized(DataType.FLOAT, b, 2 * l);
        FloatBuffer o = NativeFloats.floats(code.saved("parameters"));
        FloatBuffer e = NativeFloats.floats(code.saved("epsilon"));
        FloatBuffer ss = NativeFloats.floats(code.saved("std"));
        INDArray gradient = NativeFloats.plain(codeGradient) ? codeGradient : codeGradient.castTo(DataType.FLOAT).dup('c');
        FloatBuffer g = NativeFloats.floats(gradient);
        FloatBuffer d = NativeFloats.floats(dOut);
        for (int row = 0; row < b; row++) {
            for (int j = 0; j < l; j++) {
                int at = row * l + j;
                float gz = g.get(at);
                d.put(row * 2 * l + j, (float) (gz + scale * o.get(row * 2 * l + j)));
                float raw = o.get(row * 2 * l + l + j);
                float sigma = ss.get(at);
                boolean inside = raw >= logVarMin && raw <= logVarMax;      // no gradient where the clip was active
                d.put(row * 2 * l + l + j, inside ? (float) (0.5 * gz * e.get(at) * sigma + 0.5 * scale * (sigma * sigma - 1)) : 0f);
            }
        }
        java.lang.ref.Reference.reachabilityFence(gradient);
        java.lang.ref.Reference.reachabilityFence(code);
        return dOut;
    }
}
