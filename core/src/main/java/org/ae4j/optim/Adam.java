package org.ae4j.optim;

import java.nio.FloatBuffer;
import org.ae4j.util.Fused;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adam (Kingma &amp; Ba, 2015, Algorithm 1 in the efficient form of their §2): with
 * {@code m ← β₁m + (1−β₁)g}, {@code v ← β₂v + (1−β₂)g²} and {@code αₜ = α·√(1−β₂ᵗ)/(1−β₁ᵗ)},
 * the update is {@code θ ← θ − αₜ·m/(√v + ε)}.
 *
 * <p>A whole float {@link org.ae4j.spi.ParameterBlock} is updated in one vectorised Java pass: with the
 * {@link Fused} kernels straight on the native values, gradients and moments (subnormal moments
 * flushed in the same pass); without them the moments live on the heap (written back to the state arrays whenever the state is read), values
 * and gradients are copied in and out in bulk. ND4J's fused {@code adam_updater} op costs ~6 ns per
 * value here, several times this path. Subnormal moments are flushed to zero every few steps (see
 * {@link #flushSubnormals}). Anything else — single parameters, doubles — goes through
 * that native op plus the subtraction.
 */
public final class Adam extends StatefulOptimizer {

    private final AdamSpec spec;
    /** Subnormal moments are flushed to zero every this many steps. */
    private static final int FLUSH_INTERVAL = 8;

    private float[] theta = new float[0];
    private float[] grad = new float[0];
    private HeapMoments moments;

    public Adam(AdamSpec spec) {
        super(2);
        this.spec = spec;
    }

    public AdamSpec spec() {
        return spec;
    }

    @Override
    void update(INDArray value, INDArray g, INDArray[] state, long iteration) {
        // state[0] = v, state[1] = m
        if (FlatFloats.all(value, g, state[0], state[1])) {
            updateFlat(value, g, state[0], state[1], iteration);
            return;
        }
        // in place: g becomes the update
        Nd4j.exec(new AdamUpdater(g, state[0], state[1], spec.learningRate(), spec.beta1(), spec.beta2(),
                spec.epsilon(), Math.toIntExact(iteration)));
        value.subi(g);
    }

    private void updateFlat(INDArray value, INDArray gradient, INDArray v, INDArray m, long iteration) {
        long t = iteration + 1;
        float alpha = (float) (spec.learningRate() * Math.sqrt(1 - Math.pow(spec.beta2(), t)) / (1 - Math.pow(spec.beta1(), t)));
        if (Fused.enabled()) {
            if (moments != null) {                      // moments kept on the heap by earlier steps become the state again
                moments.writeBack();
                moments = null;
            }
            if (Fused.adam(value, gradient, m, v, alpha, spec.beta1(), spec.beta2(), spec.epsilon())) {
                return;
            }
        }
        int n = Math.toIntExact(value.length());
        if (moments == null || moments.m != m) {
            moments = new HeapMoments(m, v, n);
            theta = new float[n];
            grad = new float[n];
        }
        FloatBuffer valueBuffer = FlatFloats.buffer(value);
        valueBuffer.get(0, theta);
        FlatFloats.buffer(gradient).get(0, grad);
        step(theta, grad, moments.first, moments.second, alpha, (float) spec.beta1(), (float) spec.beta2(), (float) spec.epsilon());
        if (t % FLUSH_INTERVAL == 0) {
            flushSubnormals(moments.first);
            flushSubnormals(moments.second);
        }
        valueBuffer.put(0, theta);
    }

    /** The plain loop, which the JIT vectorises (a branch inside it would cost 3×). */
    private static void step(float[] theta, float[] g, float[] m, float[] v, float alpha, float b1, float b2, float eps) {
        float c1 = 1 - b1;
        float c2 = 1 - b2;
        for (int i = 0; i < theta.length; i++) {
            float gi = g[i];
            float mi = b1 * m[i] + c1 * gi;
            float vi = b2 * v[i] + c2 * gi * gi;
            m[i] = mi;
            v[i] = vi;
            theta[i] -= alpha * mi / ((float) Math.sqrt(vi) + eps);
        }
    }

    /**
     * Sets subnormal moments to zero. The moments of weights that rarely get a gradient decay into the
     * subnormal range, where every float operation costs ~100 cycles; a moment that small changes the
     * update by less than 1e-11 of ε.
     */
    private static void flushSubnormals(float[] values) {
        for (int i = 0; i < values.length; i++) {
            if (Math.abs(values[i]) < Float.MIN_NORMAL) {
                values[i] = 0f;
            }
        }
    }

    @Override
    void beforeStateRead() {
        if (moments != null) {
            moments.writeBack();
        }
    }

    @Override
    void afterStateWrite() {
        moments = null;
    }

    /** Heap copies of a flat block's moments, the state of record between {@link #beforeStateRead} calls. */
    private static final class HeapMoments {
        final INDArray m;
        final INDArray v;
        final float[] first;
        final float[] second;

        HeapMoments(INDArray m, INDArray v, int n) {
            this.m = m;
            this.v = v;
            first = new float[n];
            second = new float[n];
            FlatFloats.buffer(m).get(0, first);
            FlatFloats.buffer(v).get(0, second);
        }

        void writeBack() {
            FlatFloats.buffer(m).put(0, first);
            FlatFloats.buffer(v).put(0, second);
        }
    }
}
