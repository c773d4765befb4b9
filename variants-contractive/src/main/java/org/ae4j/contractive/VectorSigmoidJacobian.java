package org.ae4j.contractive;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.ae4j.kernel.NativeFloats;
import org.ae4j.kernel.VectorMath;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link SigmoidJacobian} in three fused passes over float arrays (W, h, W) instead of ~15 ND4J ops;
 * other arrays go to {@link Nd4jSigmoidJacobian}. Loaded only with the Vector API module.
 */
final class VectorSigmoidJacobian implements SigmoidJacobian {

    private static final VectorSpecies<Float> S = VectorMath.SPECIES;
    private static final int LANES = S.length();
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    private static final FloatVector ONE = FloatVector.broadcast(S, 1f);

    private final SigmoidJacobian nd4j = new Nd4jSigmoidJacobian();

    @Override
    public double penalty(INDArray h, INDArray w, INDArray wGradient, boolean overwrite, INDArray hGradient, double scale) {
        if (h.rank() != 2 || w.rank() != 2 || h.size(1) != w.size(1) || !w.equalShapes(wGradient) || !h.equalShapes(hGradient)
                || !NativeFloats.plain(h, w, wGradient, hGradient)) {
            return nd4j.penalty(h, w, wGradient, overwrite, hGradient, scale);
        }
        double value = penalty(NativeFloats.bytes(h), NativeFloats.bytes(w), NativeFloats.bytes(wGradient), overwrite,
                NativeFloats.bytes(hGradient), (int) h.size(0), (int) w.size(0), (int) w.size(1), (float) scale);
        java.lang.ref.Reference.reachabilityFence(new INDArray[] {h, w, wGradient, hGradient});
        return value;
    }

    /**
     * The contractive penalty of a sigmoid layer {@code h = σ(xW + b)} in closed form:
     * {@code R = scale·Σ_b Σ_j d²_bj s_j} with {@code d = h(1 − h)}, {@code s_j = Σ_i W²_ij}; writes
     * {@code ∂R/∂h = 2·scale·d(1 − 2h)s} into {@code hGradient} and adds {@code ∂R/∂W = 2·scale·W·diag(Σ_b d²)}
     * to {@code wGradient} (writes it there when {@code overwrite}: no read of the gradient). Returns R. Three passes:
     * W, h, W.
     */
    private static double penalty(ByteBuffer h, ByteBuffer w, ByteBuffer wGradient, boolean overwrite, ByteBuffer hGradient,
                                  int batch, int inputs, int units, float scale) {
        float[] s = new float[units];
        float[] q = new float[units];
        float[] partial = new float[units];
        int bound = S.loopBound(units);
        for (int i = 0; i < inputs; i++) {
            int row = 4 * i * units;
            int c = 0;
            for (; c < bound; c += LANES) {
                FloatVector wv = FloatVector.fromByteBuffer(S, w, row + 4 * c, ORDER);
                FloatVector.fromArray(S, s, c).add(wv.mul(wv)).intoArray(s, c);
            }
            for (; c < units; c++) {
                float wc = w.getFloat(row + 4 * c);
                s[c] += wc * wc;
            }
        }
        float twice = 2 * scale;
        for (int b = 0; b < batch; b++) {
            int row = 4 * b * units;
            int c = 0;
            for (; c < bound; c += LANES) {
                FloatVector hv = FloatVector.fromByteBuffer(S, h, row + 4 * c, ORDER);
                FloatVector d = hv.sub(hv.mul(hv));
                FloatVector d2 = d.mul(d);
                FloatVector sv = FloatVector.fromArray(S, s, c);
                FloatVector.fromArray(S, partial, c).add(d2.mul(sv)).intoArray(partial, c);
                FloatVector.fromArray(S, q, c).add(d2).intoArray(q, c);
                d.mul(ONE.sub(hv.add(hv))).mul(sv).mul(twice).intoByteBuffer(hGradient, row + 4 * c, ORDER);
            }
            for (; c < units; c++) {
                float hc = h.getFloat(row + 4 * c);
                float d = hc - hc * hc;
                partial[c] += d * d * s[c];
                q[c] += d * d;
                hGradient.putFloat(row + 4 * c, twice * d * (1 - 2 * hc) * s[c]);
            }
        }
        for (int i = 0; i < inputs; i++) {
            int row = 4 * i * units;
            int c = 0;
            for (; c < bound; c += LANES) {
                FloatVector wv = FloatVector.fromByteBuffer(S, w, row + 4 * c, ORDER);
                FloatVector term = wv.mul(FloatVector.fromArray(S, q, c)).mul(twice);
                if (!overwrite) {                  // invariant: the loop is compiled once for each case
                    term = FloatVector.fromByteBuffer(S, wGradient, row + 4 * c, ORDER).add(term);
                }
                term.intoByteBuffer(wGradient, row + 4 * c, ORDER);
            }
            for (; c < units; c++) {
                float term = twice * w.getFloat(row + 4 * c) * q[c];
                wGradient.putFloat(row + 4 * c, overwrite ? term : wGradient.getFloat(row + 4 * c) + term);
            }
        }
        double value = 0;
        for (float p : partial) {
            value += p;
        }
        return scale * value;
    }
}
