package org.ae4j.vae;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.ae4j.kernel.NativeFloats;
import org.ae4j.kernel.VectorMath;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link BernoulliLogits} in one fused pass over float arrays (the training step's value and gradient, or each
 * example's score); other arrays go to
 * {@link Nd4jBernoulliLogits}. Loaded only with the Vector API module.
 */
final class VectorBernoulliLogits implements BernoulliLogits {

    private static final VectorSpecies<Float> S = VectorMath.SPECIES;
    private static final int LANES = S.length();
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    private static final FloatVector ZERO = FloatVector.zero(S);
    private static final FloatVector ONE = FloatVector.broadcast(S, 1f);

    private final BernoulliLogits nd4j = new Nd4jBernoulliLogits();

    @Override
    public double evaluate(INDArray logits, INDArray target, INDArray gradient, double scale) {
        if (!logits.equalShapes(target) || !logits.equalShapes(gradient) || !NativeFloats.plain(logits, target, gradient)) {
            return nd4j.evaluate(logits, target, gradient, scale);
        }
        double total = negativeLogLikelihood(NativeFloats.bytes(logits), NativeFloats.bytes(target), NativeFloats.bytes(gradient), 0,
                (int) logits.length(), (float) scale);
        java.lang.ref.Reference.reachabilityFence(new INDArray[] {logits, target, gradient});
        return total;
    }

    /**
     * Each row's sum by the same pass, one call per row, no gradient: the per-example scores of {@code evaluate}'s formula
     * (a loop over the rows around the pass's loop, inlined, kept its vector sums in memory and ran six times slower).
     */
    @Override
    public INDArray perExample(INDArray logits, INDArray target) {
        if (!logits.equalShapes(target) || logits.rank() < 2 || !NativeFloats.plain(logits, target)) {
            return nd4j.perExample(logits, target);
        }
        int rows = (int) logits.size(0);
        int width = (int) (logits.length() / rows);
        ByteBuffer s = NativeFloats.bytes(logits);
        ByteBuffer x = NativeFloats.bytes(target);
        INDArray scores = Nd4j.createUninitialized(logits.dataType(), rows);       // in the caller's step memory, if open
        java.nio.FloatBuffer out = NativeFloats.floats(scores);
        for (int r = 0; r < rows; r++) {
            out.put(r, (float) negativeLogLikelihood(s, x, null, r * width, width, 0f));
        }
        java.lang.ref.Reference.reachabilityFence(new INDArray[] {logits, target});
        return scores;
    }

    /**
     * Bernoulli negative log-likelihood on logits {@code s} over the values {@code [from, from + n)}: returns
     * {@code Σ max(s,0) − s·x + log(1 + e^{−|s|})} (Kahan-compensated float lanes, then double) and, when {@code gradient}
     * is not null, writes {@code gradient ← scale·(σ(s) − x)}, with {@code σ} from the same {@code e^{−|s|}}.
     */
    private static double negativeLogLikelihood(ByteBuffer logits, ByteBuffer target, ByteBuffer gradient, int from, int n,
                                                float scale) {
        FloatVector sum = FloatVector.zero(S);
        FloatVector lost = FloatVector.zero(S);
        int end = from + n;
        int bound = from + S.loopBound(n);
        int i = from;
        for (; i < bound; i += LANES) {
            int at = 4 * i;
            FloatVector s = FloatVector.fromByteBuffer(S, logits, at, ORDER);
            FloatVector x = FloatVector.fromByteBuffer(S, target, at, ORDER);
            FloatVector e = VectorMath.exp(s.abs().neg());
            // log(1 + e) = 2·atanh(q), q = e/(2 + e) ∈ [0, 1/3]: the series to q¹⁵ (error < 1e-9), written out here
            // because a helper method of vectors left this loop three times slower (C2 did not inline it)
            FloatVector q = e.div(e.add(2f));
            FloatVector q2 = q.mul(q);
            FloatVector log1p = q2.fma(1f / 15, 1f / 13).fma(q2, FloatVector.broadcast(S, 1f / 11)).fma(q2, FloatVector.broadcast(S, 1f / 9))
                    .fma(q2, FloatVector.broadcast(S, 1f / 7)).fma(q2, FloatVector.broadcast(S, 1f / 5))
                    .fma(q2, FloatVector.broadcast(S, 1f / 3)).fma(q2, ONE).mul(q.add(q));
            FloatVector nll = s.max(ZERO).sub(s.mul(x)).add(log1p);
            FloatVector y = nll.sub(lost);
            FloatVector t = sum.add(y);
            lost = t.sub(sum).sub(y);
            sum = t;
            if (gradient != null) {
                FloatVector inverse = ONE.div(ONE.add(e));
                FloatVector sigmoid = inverse.blend(e.mul(inverse), s.compare(VectorOperators.LT, 0f));
                sigmoid.sub(x).mul(scale).intoByteBuffer(gradient, at, ORDER);
            }
        }
        double total = sum.reduceLanes(VectorOperators.ADD);
        for (; i < end; i++) {
            int at = 4 * i;
            float s = logits.getFloat(at);
            float x = target.getFloat(at);
            float e = (float) Math.exp(-Math.abs(s));
            total += Math.max(s, 0f) - s * x + (float) Math.log1p(e);
            if (gradient != null) {
                float sigmoid = s >= 0 ? 1f / (1f + e) : e / (1f + e);
                gradient.putFloat(at, scale * (sigmoid - x));
            }
        }
        return total;
    }
}
