package org.ae4j.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.ae4j.model.Autoencoder;
import org.ae4j.spi.Activation;
import org.ae4j.spi.Block;
import org.ae4j.spi.Loss;
import org.ae4j.spi.Parameter;
import org.ae4j.spi.RandomSource;
import org.ae4j.spi.Trace;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Finite-difference verification of hand-written gradients, shared by the tests of every layer,
 * activation, loss, bottleneck and regularizer (ours and third-party plug-ins').
 *
 * <p>For each checked entry θᵢ the numeric derivative is the central difference
 * {@code (f(θ + hεᵢ) − f(θ − hεᵢ)) / 2h}. An entry passes when
 * {@code |a − n| ≤ absoluteTolerance} or {@code |a − n| / max(|a|, |n|) ≤ maxRelativeError}.
 * Everything must be in double precision: float32 round-off swamps the differences.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class GradientCheck {

    private GradientCheck() {
    }

    /**
     * @param step               the finite-difference step h
     * @param maxRelativeError   the largest relative error accepted
     * @param absoluteTolerance  absolute differences below this always pass (gradients near 0)
     * @param maxEntriesPerArray larger arrays are checked on a seeded random subset of this size
     * @param seed               seed for the subset and for random projections
     */
    public record Options(double step, double maxRelativeError, double absoluteTolerance, int maxEntriesPerArray,
                          long seed) {

        public Options {
            if (!(step > 0) || !(maxRelativeError > 0) || !(absoluteTolerance >= 0) || maxEntriesPerArray < 1) {
                throw new IllegalArgumentException("invalid gradient-check options: " + step + ", " + maxRelativeError
                        + ", " + absoluteTolerance + ", " + maxEntriesPerArray);
            }
        }

        /** h = 1e-6, relative error ≤ 1e-5, absolute tolerance 1e-8, at most 300 entries per array. */
        public static Options defaults() {
            return new Options(1e-6, 1e-5, 1e-8, 300, 42);
        }

        public Options withMaxRelativeError(double maxRelativeError) {
            return new Options(step, maxRelativeError, absoluteTolerance, maxEntriesPerArray, seed);
        }
    }

    /** One entry whose analytic and numeric derivatives disagree. */
    public record Failure(String array, long index, double analytic, double numeric, double relativeError) {
        @Override
        public String toString() {
            return String.format("%s[%d]: analytic %.8g, numeric %.8g, relative error %.3g",
                    array, index, analytic, numeric, relativeError);
        }
    }

    /** The outcome of a check. */
    public record Report(int entriesChecked, double maxRelativeError, List<Failure> failures) {

        public Report {
            failures = List.copyOf(failures);
        }

        public boolean passed() {
            return failures.isEmpty() && entriesChecked > 0;
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder(String.format("gradient check: %d entries, max relative error %.3g, %d failures",
                    entriesChecked, maxRelativeError, failures.size()));
            failures.stream().limit(10).forEach(f -> s.append("\n  ").append(f));
            return s.toString();
        }
    }

    /**
     * The core check: {@code objective} is re-evaluated with each checked entry of each variable nudged
     * in place (and restored), and compared with {@code analytic}'s entry of the same name.
     */
    public static Report check(DoubleSupplier objective, Map<String, INDArray> variables,
                               Map<String, INDArray> analytic, Options options) {
        if (!variables.keySet().equals(analytic.keySet())) {
            throw new IllegalArgumentException("variables " + variables.keySet() + " and analytic gradients "
                    + analytic.keySet() + " must name the same arrays");
        }
        SplittableRandom rng = new SplittableRandom(options.seed());
        List<Failure> failures = new ArrayList<>();
        int checked = 0;
        double worst = 0;
        for (Map.Entry<String, INDArray> entry : variables.entrySet()) {
            String name = entry.getKey();
            INDArray variable = requireDouble(name, entry.getValue());
            INDArray gradient = requireDouble(name + " (gradient)", analytic.get(name));
            if (!java.util.Arrays.equals(variable.shape(), gradient.shape())) {
                throw new IllegalArgumentException(name + ": gradient shape " + java.util.Arrays.toString(gradient.shape())
                        + " differs from variable shape " + java.util.Arrays.toString(variable.shape()));
            }
            INDArray flatVariable = variable.reshape(variable.length());
            INDArray flatGradient = gradient.reshape(gradient.length());
            for (long i : entriesToCheck(variable.length(), options.maxEntriesPerArray(), rng)) {
                double original = flatVariable.getDouble(i);
                flatVariable.putScalar(i, original + options.step());
                double plus = objective.getAsDouble();
                flatVariable.putScalar(i, original - options.step());
                double minus = objective.getAsDouble();
                flatVariable.putScalar(i, original);
                double numeric = (plus - minus) / (2 * options.step());
                double a = flatGradient.getDouble(i);
                double diff = Math.abs(a - numeric);
                double relative = diff == 0 ? 0 : diff / Math.max(Math.abs(a), Math.abs(numeric));
                checked++;
                if (diff > options.absoluteTolerance()) {
                    worst = Math.max(worst, relative);
                    if (relative > options.maxRelativeError() || Double.isNaN(relative)) {
                        failures.add(new Failure(name, i, a, numeric, relative));
                    }
                }
            }
        }
        return new Report(checked, worst, failures);
    }

    /**
     * Checks a block's parameter and input gradients against the scalar {@code L = Σ forward(x) ⊙ R}
     * for a fixed random projection {@code R}, whose gradient with respect to the output is {@code R}.
     */
    public static Report block(Block block, INDArray input, Options options) {
        INDArray x = requireDouble("input", input).dup();
        Trace trace = block.forward(x);
        INDArray projection = gaussian(options.seed(), trace.output().shape());
        for (Parameter p : block.parameters()) {
            p.zeroGradient();
        }
        INDArray inputGradient = block.backward(trace, projection.dup()).dup();

        Map<String, INDArray> variables = new LinkedHashMap<>();
        Map<String, INDArray> analytic = new LinkedHashMap<>();
        for (Parameter p : block.parameters()) {
            variables.put(p.name(), p.value());
            analytic.put(p.name(), p.gradient().dup());
        }
        variables.put("input", x);
        analytic.put("input", inputGradient);
        DoubleSupplier objective = () -> block.forward(x).output().mul(projection).sumNumber().doubleValue();
        return check(objective, variables, analytic, options);
    }

    /** Checks {@link Activation#backpropInPlace} against {@code L = Σ f(z) ⊙ R}. */
    public static Report activation(Activation activation, INDArray preActivation, Options options) {
        INDArray z = requireDouble("z", preActivation).dup();
        INDArray projection = gaussian(options.seed(), z.shape());
        INDArray y = activation.applyInPlace(z.dup());
        INDArray analytic = activation.backpropInPlace(y, projection.dup());
        DoubleSupplier objective = () -> activation.applyInPlace(z.dup()).mul(projection).sumNumber().doubleValue();
        return check(objective, Map.of("z", z), Map.of("z", analytic), options);
    }

    /** Checks {@link Loss#evaluate}'s gradient with respect to the output, and that value agrees. */
    public static Report loss(Loss loss, INDArray output, INDArray target, Options options) {
        INDArray o = requireDouble("output", output).dup();
        INDArray t = requireDouble("target", target);
        INDArray analytic = loss.evaluate(o, t).gradient();
        DoubleSupplier objective = () -> loss.evaluate(o, t).value();
        return check(objective, Map.of("output", o), Map.of("output", analytic), options);
    }

    /**
     * Checks the gradient of an autoencoder's whole training objective (reconstruction loss, bottleneck
     * term and every regularizer) with respect to every parameter. The randomness of stochastic
     * bottlenecks is held fixed by reseeding {@code seed} for every evaluation.
     */
    public static Report autoencoder(Autoencoder model, INDArray input, INDArray target, long seed, Options options) {
        INDArray x = requireDouble("input", input);
        model.computeGradients(x, target, org.ae4j.model.StepContext.of(new RandomSource(seed)));
        Map<String, INDArray> variables = new LinkedHashMap<>();
        Map<String, INDArray> analytic = new LinkedHashMap<>();
        for (Parameter p : model.parameters()) {
            variables.put(p.name(), p.value());
            analytic.put(p.name(), p.gradient().dup());
        }
        DoubleSupplier objective = () -> model.computeGradients(x, target, org.ae4j.model.StepContext.of(new RandomSource(seed))).total();
        return check(objective, variables, analytic, options);
    }

    private static INDArray requireDouble(String name, INDArray array) {
        if (array.dataType() != DataType.DOUBLE) {
            throw new IllegalArgumentException("gradient checks need DOUBLE arrays, but " + name + " is "
                    + array.dataType() + "; build the component with DataType.DOUBLE");
        }
        return array;
    }

    private static long[] entriesToCheck(long length, int max, SplittableRandom rng) {
        if (length <= max) {
            long[] all = new long[(int) length];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            return all;
        }
        return rng.longs(max, 0, length).distinct().toArray();
    }

    /** A seeded standard-normal array built on the Java side (no global ND4J RNG). */
    private static INDArray gaussian(long seed, long[] shape) {
        SplittableRandom rng = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
        double[] values = new double[Math.toIntExact(java.util.Arrays.stream(shape).reduce(1, Math::multiplyExact))];
        for (int i = 0; i < values.length; i++) {
            values[i] = rng.nextGaussian();
        }
        return Nd4j.create(values, shape, 'c');
    }
}
