package org.ae4j.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.ae4j.loss.MaskedMeanSquaredError;
import org.ae4j.loss.MeanSquaredError;
import org.ae4j.nn.DenseStack;
import org.ae4j.nn.IdentityBottleneck;
import org.ae4j.nn.Sequential;
import org.ae4j.spi.Bottleneck;
import org.ae4j.spi.Code;
import org.ae4j.spi.Corruption;
import org.ae4j.spi.Decoder;
import org.ae4j.spi.Encoder;
import org.ae4j.spi.ForwardPass;
import org.ae4j.spi.GradientSink;
import org.ae4j.spi.Kernels;
import org.ae4j.spi.Loss;
import org.ae4j.spi.LossResult;
import org.ae4j.spi.Parameter;
import org.ae4j.spi.ParameterBlock;
import org.ae4j.spi.RandomSource;
import org.ae4j.spi.Regularizer;
import org.ae4j.spi.Trace;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The autoencoder pipeline: {@code x → Encoder → h → Bottleneck → z → Decoder → x̂ → Loss(x̂, x)}
 * plus the bottleneck's own loss term and every {@link Regularizer}'s penalty.
 *
 * <p>The model holds no per-batch state: {@link #computeGradients} returns the loss breakdown and
 * leaves {@code ∂L/∂θ} in each parameter's gradient buffer for an optimizer to apply. Input arrays
 * are never modified. Entry points, one per purpose: {@link #trainingStep} (corrupt, then gradients),
 * {@link #computeGradients} (gradients of given input and target), {@link #objective} (the training
 * objective without gradients), and inference: {@link #encode}, {@link #decode}, {@link #reconstruct},
 * {@link #reconstructionLoss}, {@link #reconstructionLossPerExample}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Autoencoder {

    private final Kernels kernels;

    private final Encoder encoder;
    private final Bottleneck bottleneck;
    private final Decoder decoder;
    private final Loss loss;
    private final List<Regularizer> regularizers;
    private final Corruption corruption;
    private final List<Parameter> parameters;
    /** The small-model path, when the model is a plain stack of dense layers and the kernels fuse them; else null. */
    private final DenseStack stack;

    /** A model without penalties or corruption. */
    public Autoencoder(Kernels kernels, Encoder encoder, Bottleneck bottleneck, Decoder decoder, Loss loss) {
        this(kernels, encoder, bottleneck, decoder, loss, List.of(), Optional.empty());
    }

    /**
     * @param kernels      the kernels the model's own arithmetic (summing penalty gradients) runs on
     * @param regularizers penalties added to the loss
     * @param corruption   applied to the input of training steps only
     */
    public Autoencoder(Kernels kernels, Encoder encoder, Bottleneck bottleneck, Decoder decoder, Loss loss,
                       List<? extends Regularizer> regularizers, Optional<Corruption> corruption) {
        this.kernels = Objects.requireNonNull(kernels, "kernels");
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.bottleneck = Objects.requireNonNull(bottleneck, "bottleneck");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.loss = Objects.requireNonNull(loss, "loss");
        this.regularizers = List.copyOf(regularizers);
        this.corruption = corruption.orElse(null);
        requireSize("the bottleneck", bottleneck.featureSize(), "the encoder's output", encoder.outputShape());
        requireSize("the bottleneck's code", bottleneck.codeSize(), "the decoder's input", decoder.inputShape());
        long[] expectedOutput = loss.outputShape(encoder.inputShape());
        if (!Arrays.equals(expectedOutput, decoder.outputShape())) {
            throw new IllegalArgumentException("decoder output shape " + Arrays.toString(decoder.outputShape())
                    + " must be " + Arrays.toString(expectedOutput) + " (loss '" + loss.name() + "' on inputs of shape "
                    + Arrays.toString(encoder.inputShape()) + ")");
        }
        List<Parameter> all = new ArrayList<>(encoder.parameters());
        all.addAll(bottleneck.parameters());
        all.addAll(decoder.parameters());
        this.parameters = List.copyOf(all);
        ParameterBlock.pack(parameters);                        // the parameters become views of one block
        this.regularizers.forEach(r -> r.requireCompatible(encoder, bottleneck));
        this.stack = denseStack();
    }

    private DenseStack denseStack() {
        boolean squaredError = loss.name().equals(MeanSquaredError.NAME) || loss.name().equals(MaskedMeanSquaredError.NAME);
        if (!kernels.fusesSmallLayers() || !regularizers.isEmpty() || !squaredError || !(bottleneck instanceof IdentityBottleneck)
                || !(encoder instanceof Sequential e) || !(decoder instanceof Sequential d)) {
            return null;
        }
        return DenseStack.of(e.layers(), d.layers(), kernels, loss.skipsMissingTargets()).orElse(null);
    }

    /** Whether a batch of {@code rows} runs on the small-model path ({@link DenseStack}) rather than layer by layer. */
    public boolean runsWhole(long rows) {
        return stack != null && stack.fits(rows);
    }

    /** The small-model path for a batch of {@code input}, if it applies (see {@link DenseStack}). */
    private DenseStack small(INDArray input) {
        return stack != null && input.rank() == 2 && stack.fits(input.size(0)) ? stack : null;
    }

    private static void requireSize(String who, long expected, String what, long[] shape) {
        long actual = Arrays.stream(shape).reduce(1, Math::multiplyExact);
        if (actual != expected) {
            throw new IllegalArgumentException(who + " expects " + expected + " features, but "
                    + what + " has shape " + Arrays.toString(shape) + " (" + actual + " features)");
        }
    }

    /** This model with {@code extra} regularizers added after its own; parts and parameters are shared. */
    public Autoencoder withAdditionalRegularizers(List<? extends Regularizer> extra) {
        if (extra.isEmpty()) {
            return this;
        }
        List<Regularizer> all = new ArrayList<>(regularizers);
        all.addAll(extra);
        return new Autoencoder(kernels, encoder, bottleneck, decoder, loss, all, corruption());
    }

    /** This model with {@code corruption} applied to training inputs (replacing any it had). */
    public Autoencoder withCorruption(Corruption corruption) {
        return new Autoencoder(kernels, encoder, bottleneck, decoder, loss, regularizers, Optional.of(corruption));
    }

    /** The training-time input corruption, if any. */
    public Optional<Corruption> corruption() {
        return Optional.ofNullable(corruption);
    }

    /**
     * One training step on a clean batch: corrupts it when the model has a corruption (drawing from
     * {@code step.corruptionRandom()}; a corruption may hide entries as missing, {@code NaN}), then
     * {@link #computeGradients} against the clean batch.
     */
    public StepLoss trainingStep(INDArray batch, StepContext step) {
        INDArray corrupted = corruption == null ? batch : corruption.corrupt(batch, step.corruptionRandom());
        return computeGradients(encoderInput(corrupted), batch, step);
    }

    /**
     * The training objective's parts for a batch, without gradients and without corruption: the
     * reconstruction loss and the bottleneck's term with its randomness drawn from {@code random}
     * (penalties are left out: they describe the parameters, not the fit). For a VAE, the negative ELBO.
     */
    public StepLoss objective(INDArray input, RandomSource random) {
        requireBatch(input, "input");
        DenseStack small = small(input);
        if (small != null) {
            return new StepLoss(small.loss(encoderInput(input), input), 0, 0);
        }
        Code code = bottleneck.forward(encoder.forward(encoderInput(input)).output(), random, 0);
        return new StepLoss(loss.value(decoder.forward(code.z()).output(), input), code.lossTerm(), 0);
    }

    public Encoder encoder() {
        return encoder;
    }

    public Bottleneck bottleneck() {
        return bottleneck;
    }

    /** The kernels the model was built with. */
    public Kernels kernels() {
        return kernels;
    }

    public Decoder decoder() {
        return decoder;
    }

    public Loss loss() {
        return loss;
    }

    public List<Regularizer> regularizers() {
        return regularizers;
    }

    /**
     * Every trainable parameter: encoder, bottleneck, decoder, in that order. They are packed into
     * one {@link ParameterBlock} when the model is made (unless they cannot be, e.g. mixed types).
     */
    public List<Parameter> parameters() {
        return parameters;
    }

    public long parameterCount() {
        return parameters.stream().mapToLong(Parameter::length).sum();
    }

    /** Per-example input shape. */
    public long[] inputShape() {
        return encoder.inputShape();
    }

    public long codeSize() {
        return bottleneck.codeSize();
    }

    /**
     * One training step's forward and backward pass: zeroes the gradient buffers, then leaves
     * {@code ∂L/∂θ} of the total loss in them (the calling thread's lane's; every buffer settled, so its
     * memory holds the gradient even where no pass wrote).
     *
     * @param input  what the encoder sees (possibly corrupted), {@code [batch, …]}
     * @param target what the decoder should reconstruct, same shape
     * @param step   randomness, epoch and (in data-parallel training) the batch slice
     */
    public StepLoss computeGradients(INDArray input, INDArray target, StepContext step) {
        requireBatch(input, "input");
        requireBatch(target, "target");
        parameters.forEach(Parameter::zeroGradient);
        StepLoss loss = forwardBackward(input, target, step);
        parameters.forEach(Parameter::settleGradient);
        return loss;
    }

    /** {@link #computeGradients}' passes, after the lazy zeroing of the gradients. */
    private StepLoss forwardBackward(INDArray input, INDArray target, StepContext step) {
        DenseStack small = small(input);
        if (small != null) {
            return new StepLoss(small.gradients(input, target), 0, 0);
        }
        Trace encoded = encoder.forward(input);
        Code code = bottleneck.forward(encoded.output(), step.random(), step.epoch());
        Trace decoded = decoder.forward(code.z());
        LossResult reconstruction = loss.evaluate(decoded.output(), target);

        double penalty = 0;
        INDArray featureGradient = null;
        INDArray codeGradient = null;
        Map<Integer, INDArray> stepGradients = Map.of();
        if (!regularizers.isEmpty()) {
            ForwardPass pass = new ForwardPass(encoder, input, encoded, code, decoded, step.random(),
                    step.slice().orElseGet(() -> org.ae4j.spi.BatchSlice.whole(input.size(0))));
            PenaltyGradients sink = new PenaltyGradients();
            for (Regularizer regularizer : regularizers) {
                penalty += regularizer.penalize(pass, parameters, sink);
            }
            featureGradient = sink.features;
            codeGradient = sink.code;
            stepGradients = sink.steps;
        }

        INDArray dz = decoder.backward(decoded, reconstruction.gradient());
        if (codeGradient != null) {
            add(dz, codeGradient);
        }
        INDArray dh = bottleneck.backward(code, dz);
        if (featureGradient != null) {
            add(dh, featureGradient);
        }
        if (stepGradients.isEmpty()) {
            encoder.backwardParameters(encoded, dh);
        } else {
            encoder.backwardParameters(encoded, dh, stepGradients);
        }
        return new StepLoss(reconstruction.value(), code.lossTerm(), penalty);
    }

    /** The deterministic code of each example, {@code [batch, codeSize]}. */
    public INDArray encode(INDArray input) {
        requireBatch(input, "input");
        DenseStack small = small(input);
        if (small != null) {
            return small.encode(encoderInput(input));
        }
        return bottleneck.encode(encoder.forward(encoderInput(input)).output());
    }

    /**
     * What the encoder sees of {@code x}: {@code x} itself, or — when the loss skips missing targets — a copy
     * with its missing ({@code NaN}) entries set to 0.
     */
    private INDArray encoderInput(INDArray x) {
        if (!loss.skipsMissingTargets()) {
            return x;
        }
        return kernels.missingAsZero(x);
    }

    /** The decoder's output mapped to data space, e.g. images in [0, 1]. */
    public INDArray decode(INDArray code) {
        INDArray output = decoder.forward(code).output();
        // the decoder's output is new unless it is a view of the code (a decoder of reshapes only)
        return output.data() == code.data() ? loss.reconstruction(output) : loss.reconstructionInPlace(output, kernels);
    }

    /** {@code decode(encode(input))}. */
    public INDArray reconstruct(INDArray input) {
        requireBatch(input, "input");
        DenseStack small = small(input);
        if (small != null) {
            return small.reconstruct(encoderInput(input));
        }
        return decode(encode(input));
    }

    /** The reconstruction loss of the deterministic path, as {@link Loss#value} defines it. */
    public double reconstructionLoss(INDArray input, INDArray target) {
        requireBatch(input, "input");
        DenseStack small = small(input);
        if (small != null) {
            return small.loss(encoderInput(input), target);
        }
        INDArray raw = decoder.forward(encode(input)).output();
        return loss.value(raw, target);
    }

    /** Per-example reconstruction loss, {@code [batch]} (a simple anomaly score). */
    public INDArray reconstructionLossPerExample(INDArray input) {
        requireBatch(input, "input");
        DenseStack small = small(input);
        if (small != null) {
            return small.lossPerExample(encoderInput(input), input);
        }
        INDArray raw = decoder.forward(encode(input)).output();
        return loss.perExample(raw, input);
    }

    private void requireBatch(INDArray array, String what) {
        Objects.requireNonNull(array, what);
        long[] expected = encoder.inputShape();
        long[] shape = array.shape();
        boolean ok = shape.length == expected.length + 1
                && Arrays.equals(Arrays.copyOfRange(shape, 1, shape.length), expected);
        if (!ok) {
            throw new IllegalArgumentException(what + " must have shape [batch, "
                    + Arrays.toString(expected).replaceAll("[\\[\\]]", "") + "], got " + Arrays.toString(shape));
        }
    }

    /** {@code target += g}. */
    private void add(INDArray target, INDArray g) {
        kernels.scaleAdd(target, 1, g, 1);
    }

    /**
     * Accumulates the activation gradients regularizers contribute within one step. A single
     * contribution is kept as handed over (the sink's contract), a second one is added to a copy.
     */
    private final class PenaltyGradients implements GradientSink {
        private INDArray code;
        private INDArray features;
        private final Map<Integer, INDArray> steps = new HashMap<>();
        /** The sums made here (copies), made only when a target gets a second contribution. */
        private java.util.Set<INDArray> owned;

        @Override
        public void addToEncoderStep(int step, INDArray gradient) {
            steps.put(step, accumulate(steps.get(step), gradient));
        }

        @Override
        public void addToCode(INDArray gradient) {
            code = accumulate(code, gradient);
        }

        @Override
        public void addToFeatures(INDArray gradient) {
            features = accumulate(features, gradient);
        }

        private INDArray accumulate(INDArray sum, INDArray gradient) {
            if (sum == null) {
                return gradient;
            }
            if (owned == null) {
                owned = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            }
            INDArray target = owned.contains(sum) ? sum : sum.dup();
            owned.add(target);
            add(target, gradient);
            return target;
        }
    }
}
