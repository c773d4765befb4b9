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
     * measurements). JMH {@code GemmBenchmark} on the 2-core AVX-512 guest, µs per product, Java against ND4J's
     * {@code matmul}: 256×64×32 (0.5 M) 12–15 against 18–20; 256×64×64 (1 M) 21–24 against 20–24; 256×128×64 (2 M)
     * 35–44 against 28–32 (Java ≈ 6 + 14 µs per million, ND4J ≈ 11 + 10). The threshold sits at the break-even;
     * a tabular 60-64-32-64-60 step at batch 256 took 266 µs with its products here against 357 with them in ND4J.
     */
    static final long MAX_MULTIPLY_ADDS = Long.getLong("ae4j.smallGemm.max", 1 << 20);

    /** Whether blocks four vectors wide fit the registers: 16 sums, 4 rows of b and a broadcast need AVX-512's 32. */
    private static final boolean WIDE = S.length() >= 16;

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
        if (alpha == 1f && beta == 0f) {                       // the common case: rows copied out whole
            if (stride == n) {
                out.put(cv, 0, m * n);
            } else {
                for (int i = 0; i < m; i++) {
                    out.put(cv, i * stride, n);
                }
            }
        } else {
            writeScaled(out, cv, s, m, n, stride, alpha, beta);
        }
        java.lang.ref.Reference.reachabilityFence(a);
        java.lang.ref.Reference.reachabilityFence(b);
        java.lang.ref.Reference.reachabilityFence(c);
    }

    /** {@code c ← α·cv + β·c} row by row, {@code cv}'s rows {@code stride} apart. */
    private static void writeScaled(FloatBuffer out, float[] cv, Scratch s, int m, int n, int stride, float alpha, float beta) {
        float[] old = beta == 0f ? null : s.t(m * n);
        if (old != null) {
            out.get(old, 0, m * n);
            out.rewind();
        }
        float[] row = s.row(n);
        int bound = S.loopBound(n);
        for (int i = 0; i < m; i++) {
            int from = i * stride;
            int j = 0;
            for (; j < bound; j += S.length()) {
                FloatVector v = FloatVector.fromArray(S, cv, from + j).mul(alpha);
                if (old != null) {
                    v = FloatVector.fromArray(S, old, i * n + j).fma(FloatVector.broadcast(S, beta), v);
                }
                v.intoArray(row, j);
            }
            for (; j < n; j++) {
                float v = alpha * cv[from + j];
                row[j] = old == null ? v : v + beta * old[i * n + j];
            }
            out.put(row, 0, n);
        }
    }

    /**
     * {@code c ← op(a)·b} for row-major {@code b [k, stride]} and {@code c [m, stride]}, {@code stride} a multiple of
     * {@link #S}'s lanes. Blocks of four rows of {@code c} by two vectors of lanes, summed in eight registers over
     * {@code p}: per step two loads of {@code b} and four broadcasts of {@code a} feed eight fused multiply-adds in
     * independent chains, enough to keep both FMA units busy (four chains of one vector left them half idle: JMH
     * {@code GemmBenchmark}, 256×64×64, 41 µs before). A last odd vector of lanes, and the last rows, take narrower
     * blocks. {@code a} is {@code [m, k]}, or {@code [k, m]} when {@code transposeA}.
     */
    private static void product(float[] a, float[] b, float[] c, int m, int k, int stride, boolean transposeA) {
        int lanes = S.length();
        int rowStep = transposeA ? 1 : k;
        int pStep = transposeA ? m : 1;
        int quads = WIDE ? stride / (4 * lanes) * (4 * lanes) : 0;
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            int a0 = i * rowStep;
            int a1 = a0 + rowStep;
            int a2 = a1 + rowStep;
            int a3 = a2 + rowStep;
            int j = 0;
            for (; j < quads; j += 4 * lanes) {
                FloatVector s00 = FloatVector.zero(S);
                FloatVector s01 = s00;
                FloatVector s02 = s00;
                FloatVector s03 = s00;
                FloatVector s10 = s00;
                FloatVector s11 = s00;
                FloatVector s12 = s00;
                FloatVector s13 = s00;
                FloatVector s20 = s00;
                FloatVector s21 = s00;
                FloatVector s22 = s00;
                FloatVector s23 = s00;
                FloatVector s30 = s00;
                FloatVector s31 = s00;
                FloatVector s32 = s00;
                FloatVector s33 = s00;
                for (int p = 0; p < k; p++) {
                    int bp = p * stride + j;
                    FloatVector b0 = FloatVector.fromArray(S, b, bp);
                    FloatVector b1 = FloatVector.fromArray(S, b, bp + lanes);
                    FloatVector b2 = FloatVector.fromArray(S, b, bp + 2 * lanes);
                    FloatVector b3 = FloatVector.fromArray(S, b, bp + 3 * lanes);
                    int q = p * pStep;
                    FloatVector x = FloatVector.broadcast(S, a[a0 + q]);
                    s00 = b0.fma(x, s00);
                    s01 = b1.fma(x, s01);
                    s02 = b2.fma(x, s02);
                    s03 = b3.fma(x, s03);
                    x = FloatVector.broadcast(S, a[a1 + q]);
                    s10 = b0.fma(x, s10);
                    s11 = b1.fma(x, s11);
                    s12 = b2.fma(x, s12);
                    s13 = b3.fma(x, s13);
                    x = FloatVector.broadcast(S, a[a2 + q]);
                    s20 = b0.fma(x, s20);
                    s21 = b1.fma(x, s21);
                    s22 = b2.fma(x, s22);
                    s23 = b3.fma(x, s23);
                    x = FloatVector.broadcast(S, a[a3 + q]);
                    s30 = b0.fma(x, s30);
                    s31 = b1.fma(x, s31);
                    s32 = b2.fma(x, s32);
                    s33 = b3.fma(x, s33);
                }
                int c0 = i * stride + j;
                s00.intoArray(c, c0);
                s01.intoArray(c, c0 + lanes);
                s02.intoArray(c, c0 + 2 * lanes);
                s03.intoArray(c, c0 + 3 * lanes);
                c0 += stride;
                s10.intoArray(c, c0);
                s11.intoArray(c, c0 + lanes);
                s12.intoArray(c, c0 + 2 * lanes);
                s13.intoArray(c, c0 + 3 * lanes);
                c0 += stride;
                s20.intoArray(c, c0);
                s21.intoArray(c, c0 + lanes);
                s22.intoArray(c, c0 + 2 * lanes);
                s23.intoArray(c, c0 + 3 * lanes);
                c0 += stride;
                s30.intoArray(c, c0);
                s31.intoArray(c, c0 + lanes);
                s32.intoArray(c, c0 + 2 * lanes);
                s33.intoArray(c, c0 + 3 * lanes);
            }
            for (; j + 2 * lanes <= stride; j += 2 * lanes) {
                FloatVector s00 = FloatVector.zero(S);
                FloatVector s01 = s00;
                FloatVector s10 = s00;
                FloatVector s11 = s00;
                FloatVector s20 = s00;
                FloatVector s21 = s00;
                FloatVector s30 = s00;
                FloatVector s31 = s00;
                for (int p = 0; p < k; p++) {
                    int bp = p * stride + j;
                    FloatVector b0 = FloatVector.fromArray(S, b, bp);
                    FloatVector b1 = FloatVector.fromArray(S, b, bp + lanes);
                    int q = p * pStep;
                    FloatVector x = FloatVector.broadcast(S, a[a0 + q]);
                    s00 = b0.fma(x, s00);
                    s01 = b1.fma(x, s01);
                    x = FloatVector.broadcast(S, a[a1 + q]);
                    s10 = b0.fma(x, s10);
                    s11 = b1.fma(x, s11);
                    x = FloatVector.broadcast(S, a[a2 + q]);
                    s20 = b0.fma(x, s20);
                    s21 = b1.fma(x, s21);
                    x = FloatVector.broadcast(S, a[a3 + q]);
                    s30 = b0.fma(x, s30);
                    s31 = b1.fma(x, s31);
                }
                int c0 = i * stride + j;
                s00.intoArray(c, c0);
                s01.intoArray(c, c0 + lanes);
                s10.intoArray(c, c0 + stride);
                s11.intoArray(c, c0 + stride + lanes);
                s20.intoArray(c, c0 + 2 * stride);
                s21.intoArray(c, c0 + 2 * stride + lanes);
                s30.intoArray(c, c0 + 3 * stride);
                s31.intoArray(c, c0 + 3 * stride + lanes);
            }
            for (; j < stride; j += lanes) {
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
