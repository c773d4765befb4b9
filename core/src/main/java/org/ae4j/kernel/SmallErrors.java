package org.ae4j.kernel;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The squared errors of small float arrays — a table's batch, one row being scored — in Java loops over copies of
 * their native memory: each ND4J op these replace costs ~10–20 µs of dispatch, several times the arithmetic. Missing
 * values are {@code NaN} targets. Larger arrays stay with ND4J's ops, which the callers use when {@link #applies} is
 * false.
 */
final class SmallErrors {

    /** Arrays of at most this many elements are handled here (a batch of 256 rows of 256 features). */
    static final long MAX_ELEMENTS = 1 << 16;

    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[3][0]);

    private SmallErrors() {
    }

    static boolean applies(INDArray... arrays) {
        for (INDArray a : arrays) {
            if (a.length() > MAX_ELEMENTS || a.rank() < 1) {
                return false;
            }
        }
        return NativeFloats.plain(arrays) && sameShape(arrays);
    }

    private static boolean sameShape(INDArray... arrays) {
        for (INDArray a : arrays) {
            if (!java.util.Arrays.equals(a.shape(), arrays[0].shape())) {
                return false;
            }
        }
        return true;
    }

    private static float[] scratch(int which, int n) {
        float[][] s = SCRATCH.get();
        if (s[which].length < n) {
            s[which] = new float[n];
        }
        return s[which];
    }

    private static float[] read(int which, INDArray a) {
        int n = (int) a.length();
        float[] values = scratch(which, n);
        NativeFloats.floats(a).get(values, 0, n);
        return values;
    }

    /** See {@link org.ae4j.spi.Kernels#maskedSquaredError}. */
    static double[] masked(INDArray output, INDArray target, INDArray gradient) {
        int n = (int) output.length();
        float[] o = read(0, output);
        float[] t = read(1, target);
        float[] g = scratch(2, n);
        double sum = 0;
        long count = 0;
        for (int i = 0; i < n; i++) {
            float ti = t[i];
            if (ti == ti) {
                float d = o[i] - ti;
                g[i] = d;
                sum += d * d;
                count++;
            } else {
                g[i] = 0f;
            }
        }
        NativeFloats.floats(gradient).put(g, 0, n);
        java.lang.ref.Reference.reachabilityFence(gradient);
        return new double[] {sum, count};
    }

    /** See {@link org.ae4j.spi.Kernels#meanSquaredErrorPerExample}. */
    static INDArray perExample(INDArray output, INDArray target, boolean skipMissing) {
        int rows = (int) output.size(0);
        int width = (int) (output.length() / rows);
        float[] o = read(0, output);
        float[] t = read(1, target);
        float[] result = scratch(2, rows);
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            int count = 0;
            for (int i = r * width, end = i + width; i < end; i++) {
                float ti = t[i];
                if (ti == ti || !skipMissing) {
                    float d = o[i] - ti;
                    sum += d * d;
                    count++;
                }
            }
            result[r] = count == 0 ? 0f : (float) (sum / count);
        }
        INDArray errors = Nd4j.createUninitialized(DataType.FLOAT, rows);
        NativeFloats.floats(errors).put(result, 0, rows);
        return errors;
    }

    /** See {@link org.ae4j.spi.Kernels#missingAsZero}. */
    static INDArray missingAsZero(INDArray x) {
        int n = (int) x.length();
        float[] v = read(0, x);
        for (int i = 0; i < n; i++) {
            if (v[i] != v[i]) {
                v[i] = 0f;
            }
        }
        INDArray filled = Nd4j.createUninitialized(DataType.FLOAT, x.shape());
        NativeFloats.floats(filled).put(v, 0, n);
        return filled;
    }
}
