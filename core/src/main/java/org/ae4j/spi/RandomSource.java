package org.ae4j.spi;

import java.util.Objects;
import java.util.SplittableRandom;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An explicit, seeded source of randomness. ae4j never touches ND4J's global RNG: every random
 * decision (weight init, shuffling, noise, sampling) draws from a {@code RandomSource} derived from
 * the configured seed, so the same seed gives the same run.
 *
 * <p>{@link #split(String)} derives an independent child stream from a purpose label, so that adding
 * a consumer of randomness in one place does not shift the numbers another place sees. Not
 * thread-safe: give each thread its own split.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class RandomSource {

    /** The seed used when a configuration names none. */
    public static final long DEFAULT_SEED = 12345L;

    private final long seed;
    private final SplittableRandom java;
    private org.nd4j.linalg.api.rng.Random nd4j;

    public RandomSource(long seed) {
        this.seed = seed;
        this.java = new SplittableRandom(seed);
    }

    public long seed() {
        return seed;
    }

    /** A child stream for {@code purpose}; the same seed and purpose always give the same stream. */
    public RandomSource split(String purpose) {
        Objects.requireNonNull(purpose, "purpose");
        return new RandomSource(mix(seed * 0x9E3779B97F4A7C15L + purpose.hashCode()));
    }

    /** The Java-side generator (shuffles, initialisation). */
    public SplittableRandom java() {
        return java;
    }

    /**
     * Fills {@code target} in place with independent N(mean, std²) samples from this stream by ND4J's
     * Gaussian op; the same seed gives the same samples. Components draw their noise through
     * {@link Kernels#gaussian}, whose Vector-API implementation has a faster generator of its own.
     */
    public INDArray gaussianInPlace(INDArray target, double mean, double std) {
        Nd4j.getExecutioner().exec(new GaussianDistribution(target, mean, std), nd4j());
        return target;
    }

    /** Fills {@code target} in place with independent Bernoulli(p) samples (1 with probability p, else 0). */
    public INDArray bernoulliInPlace(INDArray target, double p) {
        Nd4j.getExecutioner().exec(new org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution(target, p), nd4j());
        return target;
    }

    /** Fills {@code target} in place with independent U(from, to) samples. */
    public INDArray uniformInPlace(INDArray target, double from, double to) {
        Nd4j.getExecutioner().exec(new org.nd4j.linalg.api.ops.random.impl.UniformDistribution(target, from, to), nd4j());
        return target;
    }

    /** A Fisher–Yates permutation of {@code 0 … n-1}. */
    public int[] permutation(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = java.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private org.nd4j.linalg.api.rng.Random nd4j() {
        if (nd4j == null) {
            nd4j = Nd4j.getRandomFactory().getNewRandomInstance(mix(seed ^ 0x5DEECE66DL));
        }
        return nd4j;
    }

    /** Stafford's mix13 finaliser: spreads nearby seeds over the whole 64-bit range. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
