package org.ae4j.vae;

import java.util.Map;
import org.ae4j.spi.Code;
import org.ae4j.spi.Kernels;
import org.ae4j.spi.RandomSource;
import org.ae4j.util.InPlace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** {@link Reparameterization} as ND4J ops, for any data type; no scalar ops (they allocate per call). */
final class Nd4jReparameterization implements Reparameterization {

    private final long latent;
    private final double logVarMin;
    private final double logVarMax;
    private final Kernels kernels;

    Nd4jReparameterization(long latent, double logVarMin, double logVarMax, Kernels kernels) {
        this.latent = latent;
        this.logVarMin = logVarMin;
        this.logVarMax = logVarMax;
        this.kernels = kernels;
    }

    @Override
    public Code forward(INDArray h, INDArray parameters, RandomSource random, double klWeight) {
        GaussianBottleneck.Posterior q = GaussianBottleneck.Posterior.of(parameters, latent, logVarMin, logVarMax);
        INDArray epsilon = kernels.gaussian(Nd4j.createUninitialized(h.dataType(), q.mu().shape()), 0, 1, random);
        INDArray std = Transforms.exp(InPlace.scale(q.logVariance().dup(), 0.5), false);
        INDArray z = std.mul(epsilon).addi(q.mu());
        return new Code(h, z, klWeight * q.klMean(), Map.of("mu", q.mu(), "logVariance", q.logVariance(),
                "rawLogVariance", q.rawLogVariance(), "epsilon", epsilon, "std", std, "klWeight", Nd4j.scalar(klWeight)));
    }

    @Override
    public INDArray backward(Code code, INDArray codeGradient) {
        INDArray mu = code.saved("mu");
        INDArray logVariance = code.saved("logVariance");
        INDArray raw = code.saved("rawLogVariance");
        INDArray std = code.saved("std");
        double scale = code.saved("klWeight").getDouble(0) / code.features().size(0);
        INDArray dMu = InPlace.scale(mu.dup(), scale).addi(codeGradient);
        INDArray dLogVariance = InPlace.scale(codeGradient.mul(code.saved("epsilon")).muli(std), 0.5)
                .addi(InPlace.add(InPlace.scale(Transforms.exp(logVariance, true), 0.5 * scale), -0.5 * scale));
        INDArray inside = raw.eq(logVariance).castTo(raw.dataType());   // 1 where the clip was not active
        dLogVariance.muli(inside);
        return Nd4j.hstack(dMu, dLogVariance);
    }
}
