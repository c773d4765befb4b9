package org.ae4j.contractive;

import org.ae4j.util.InPlace;
import org.nd4j.linalg.api.ndarray.INDArray;

/** {@link SigmoidJacobian} as ND4J ops, for any data type; no scalar ops (they allocate per call). */
final class Nd4jSigmoidJacobian implements SigmoidJacobian {

    @Override
    public double penalty(INDArray h, INDArray w, INDArray wGradient, boolean overwrite, INDArray hGradient, double scale) {
        INDArray s = w.mul(w).sum(true, 0);                 // [1, k]
        INDArray d = h.sub(h.mul(h));                        // h(1 − h)
        INDArray dSquared = d.mul(d);
        double value = scale * dSquared.mulRowVector(s).sumNumber().doubleValue();
        INDArray twoHd = h.mul(d);                           // ∂R/∂h = 2·scale · d · (1 − 2h) · s
        hGradient.assign(InPlace.scale(d.sub(twoHd.addi(twoHd)).muliRowVector(s), 2 * scale));
        INDArray term = InPlace.scale(w.mulRowVector(dSquared.sum(true, 0)), 2 * scale);
        if (overwrite) {
            wGradient.assign(term);
        } else {
            wGradient.addi(term);
        }
        return value;
    }
}
