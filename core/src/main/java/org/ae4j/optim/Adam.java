package org.ae4j.optim;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adam (Kingma &amp; Ba, 2015, Algorithm 1 in the efficient form of their §2): with
 * {@code m ← β₁m + (1−β₁)g}, {@code v ← β₂v + (1−β₂)g²} and {@code αₜ = α·√(1−β₂ᵗ)/(1−β₁ᵗ)},
 * the update is {@code θ ← θ − αₜ·m/(√v + ε)}.
 *
 * <p>A whole float {@link org.ae4j.spi.ParameterBlock} is updated in one pass over heap copies of its
 * flat buffers (bulk copies at memory speed): ND4J's fused {@code adam_updater} op costs ~6 ns per
 * value here, five times the plain loop, and the loop flushes subnormal moments to zero (see
 * below). Anything else — single parameters, doubles — goes through
 * that native op plus the subtraction.
 */
public final class Adam extends StatefulOptimizer {

    private final AdamSpec spec;
    private float[] theta = new float[0];
    private float[] grad = new float[0];
    private float[] first = new float[0];
    private float[] second = new float[0];

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
        int n = Math.toIntExact(value.length());
        if (theta.length != n) {
            theta = new float[n];
            grad = new float[n];
            first = new float[n];
            second = new float[n];
        }
        FloatBuffer valueBuffer = FlatFloats.buffer(value);
        FloatBuffer mBuffer = FlatFloats.buffer(m);
        FloatBuffer vBuffer = FlatFloats.buffer(v);
        valueBuffer.get(0, theta);
        FlatFloats.buffer(gradient).get(0, grad);
        mBuffer.get(0, first);
        vBuffer.get(0, second);
        long t = iteration + 1;
        float b1 = (float) spec.beta1();
        float b2 = (float) spec.beta2();
        float c1 = 1 - b1;
        float c2 = 1 - b2;
        float eps = (float) spec.epsilon();
        float alpha = (float) (spec.learningRate() * Math.sqrt(1 - Math.pow(spec.beta2(), t)) / (1 - Math.pow(spec.beta1(), t)));
        float[] th = theta;
        float[] gr = grad;
        float[] mm = first;
        float[] vv = second;
        for (int i = 0; i < n; i++) {
            float gi = gr[i];
            float mi = b1 * mm[i] + c1 * gi;
            float vi = b2 * vv[i] + c2 * gi * gi;
            // flush subnormal moments to zero: they change the update by < 1e-11 of ε but cost ~100
            // cycles per operation, and the moments of rarely active weights decay into that range
            mi = Math.abs(mi) < Float.MIN_NORMAL ? 0f : mi;
            vi = vi < Float.MIN_NORMAL ? 0f : vi;
            mm[i] = mi;
            vv[i] = vi;
            th[i] -= alpha * mi / ((float) Math.sqrt(vi) + eps);
        }
        valueBuffer.put(0, theta);
        mBuffer.put(0, first);
        vBuffer.put(0, second);
    }
}
