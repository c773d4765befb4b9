package org.ae4j.kernel;

import java.nio.FloatBuffer;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Matrix products small enough that ND4J's fixed cost per op (~10–20 µs of dispatch) would exceed the arithmetic:
 * the layers of tabular models (9–64 units) and single-row scoring. The operands are copied from their native
 * memory into per-thread scratch arrays (a memory copy), multiplied with the Vector API (a transposed {@code b} is
 * transposed first, so that every row of the result is a sum of rows of {@code b}), and the result written back.
 */
final class SmallGemm {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    /**
     * Products of at most this many multiply-adds go through Java ({@code -Dae4j.smallGemm.max} changes it, for
     * measurements). JMH {@code GemmBenchmark} on the 2-core AVX-512 guest, µs per product, Java against ND4J:
     * 256×9×16 2.5–5.9 against 12–17; one row of 60×64 0.9–4.5 against 10–16; 256×64×64 (1 M) 36–44 against 21–24.
     * Break-even lies near 300 k (Java ≈ 2 + 38 µs per million, ND4J ≈ 11 + 10); the threshold sits below it.
     */
    static final long MAX_MULTIPLY_ADDS = Long.getLong("ae4j.smallGemm.max", 1 << 18);

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private SmallGemm() {
    }

    /** Whether Java should compute this product: float operands in plain C order, and a small product. */
    static boolean applies(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB) {
        if (a.rank() != 2 || b.rank() != 2 || c.rank() != 2 || !NativeFloats.plain(a, b, c)) {
            return false;
        }
        long m = transposeA ? a.size(1) : a.size(0);
        long k = transposeA ? a.size(0) : a.size(1);
        long n = transposeB ? b.size(0) : b.size(1);
        long kb = transposeB ? b.size(1) : b.size(0);
        return k == kb && c.size(0) == m && c.size(1) == n && m * n * k <= MAX_MULTIPLY_ADDS;
    }

    /** {@code c ← α·op(a)·op(b) + β·c} for operands {@link #applies} accepted. */
    static void multiply(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB, float alpha, float beta) {
        int m = (int) (transposeA ? a.size(1) : a.size(0));
        int k = (int) (transposeA ? a.size(0) : a.size(1));
        int n = (int) (transposeB ? b.size(0) : b.size(1));
        int lanes = S.length();
        int stride = (n + lanes - 1) / lanes * lanes;        // rows of b and c padded to whole vectors (zeros)
        Scratch s = SCRATCH.get();
        float[] av = s.a((int) a.length());
        float[] bv = s.b(k * stride);
        float[] cv = s.c(m * stride);
        NativeFloats.floats(a).get(av, 0, (int) a.length());
        FloatBuffer bBuffer = NativeFloats.floats(b);
        if (transposeB) {                                      // b is [n, k]: make it [k, n]
            float[] t = s.t(k * n);
            bBuffer.get(t, 0, k * n);
            for (int p = 0; p < k; p++) {
                int row = p * stride;
                for (int j = 0; j < n; j++) {
                    bv[row + j] = t[j * k + p];
                }
                java.util.Arrays.fill(bv, row + n, row + stride, 0f);
            }
        } else if (stride == n) {
            bBuffer.get(bv, 0, k * n);
        } else {
            for (int p = 0; p < k; p++) {
                bBuffer.get(bv, p * stride, n);
                java.util.Arrays.fill(bv, p * stride + n, (p + 1) * stride, 0f);
            }
        }
        product(av, bv, cv, m, k, stride, transposeA);
        FloatBuffer out = NativeFloats.floats(c);
        float[] old = beta == 0f ? null : s.t(m * n);
        if (old != null) {
            out.get(old, 0, m * n);
            out.rewind();
        }
        float[] row = s.row(n);
        for (int i = 0; i < m; i++) {
            int from = i * stride;
            for (int j = 0; j < n; j++) {
                float v = alpha * cv[from + j];
                row[j] = old == null ? v : v + beta * old[i * n + j];
            }
            out.put(row, 0, n);
        }
        java.lang.ref.Reference.reachabilityFence(a);
        java.lang.ref.Reference.reachabilityFence(b);
        java.lang.ref.Reference.reachabilityFence(c);
    }

    /**
     * {@code c ← op(a)·b} for row-major {@code b [k, stride]} and {@code c [m, stride]}, {@code stride} a multiple of
     * {@link #S}'s lanes: four rows of {@code c} at a time, each block of lanes summed in a register over {@code p}
     * (one load of {@code b} shared by four fused multiply-adds, four independent chains). {@code a} is
     * {@code [m, k]}, or {@code [k, m]} when {@code transposeA}.
     */
    private static void product(float[] a, float[] b, float[] c, int m, int k, int stride, boolean transposeA) {
        int lanes = S.length();
        int rowStep = transposeA ? 1 : k;
        int pStep = transposeA ? m : 1;
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            int a0 = i * rowStep;
            int a1 = a0 + rowStep;
            int a2 = a1 + rowStep;
            int a3 = a2 + rowStep;
            for (int j = 0; j < stride; j += lanes) {
                FloatVector s0 = FloatVector.zero(S);
                FloatVector s1 = s0;
                FloatVector s2 = s0;
                FloatVector s3 = s0;
                for (int p = 0; p < k; p++) {
                    FloatVector bp = FloatVector.fromArray(S, b, p * stride + j);
                    int q = p * pStep;
                    s0 = bp.fma(FloatVector.broadcast(S, a[a0 + q]), s0);
                    s1 = bp.fma(FloatVector.broadcast(S, a[a1 + q]), s1);
                    s2 = bp.fma(FloatVector.broadcast(S, a[a2 + q]), s2);
                    s3 = bp.fma(FloatVector.broadcast(S, a[a3 + q]), s3);
                }
                s0.intoArray(c, i * stride + j);
                s1.intoArray(c, (i + 1) * stride + j);
                s2.intoArray(c, (i + 2) * stride + j);
                s3.intoArray(c, (i + 3) * stride + j);
            }
        }
        for (; i < m; i++) {
            int a0 = i * rowStep;
            for (int j = 0; j < stride; j += lanes) {
                FloatVector s0 = FloatVector.zero(S);
                for (int p = 0; p < k; p++) {
                    s0 = FloatVector.fromArray(S, b, p * stride + j).fma(FloatVector.broadcast(S, a[a0 + p * pStep]), s0);
                }
                s0.intoArray(c, i * stride + j);
            }
        }
    }

    /** Scratch arrays of one thread, grown as needed (at most {@link #MAX_MULTIPLY_ADDS} floats each in practice). */
    private static final class Scratch {
        private float[] a = new float[0];
        private float[] b = new float[0];
        private float[] c = new float[0];
        private float[] t = new float[0];
        private float[] row = new float[0];

        float[] row(int n) {
            return row.length >= n ? row : (row = new float[n]);
        }

        float[] a(int n) {
            return a.length >= n ? a : (a = new float[n]);
        }

        float[] b(int n) {
            return b.length >= n ? b : (b = new float[n]);
        }

        float[] c(int n) {
            return c.length >= n ? c : (c = new float[n]);
        }

        float[] t(int n) {
            return t.length >= n ? t : (t = new float[n]);
        }
    }
}
