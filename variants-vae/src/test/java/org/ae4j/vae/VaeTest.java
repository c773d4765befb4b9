package org.ae4j.vae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.ae4j.Ae4j;
import org.ae4j.check.GradientCheck;
import org.ae4j.config.ConfigCodec;
import org.ae4j.config.ModelConfig;
import org.ae4j.data.Dataset;
import org.ae4j.data.FashionMnist;
import org.ae4j.data.MinMaxNormalizer;
import org.ae4j.model.Autoencoder;
import org.ae4j.nn.DenseSpec;
import org.ae4j.registry.Registry;
import org.ae4j.spi.BuildContext;
import org.ae4j.spi.RandomSource;
import org.ae4j.train.Trainer;
import org.ae4j.train.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class VaeTest {

    static final Registry REGISTRY = Ae4j.registry();

    static Autoencoder small(LikelihoodSpec likelihood, int decoderOutputs, double beta, double logVarMin) {
        VaeSpec spec = new VaeSpec(List.of(new DenseSpec(6, "tanh")), 3,
                List.of(new DenseSpec(5, "tanh"), new DenseSpec(decoderOutputs, "identity")), likelihood, beta, 0, logVarMin, 10);
        return spec.build(new long[] {8}, new BuildContext(REGISTRY, DataType.DOUBLE, new RandomSource(4)));
    }

    static void assertGradientsMatch(Autoencoder model, INDArray x) {
        GradientCheck.Report report = GradientCheck.autoencoder(model, x, x, 17, GradientCheck.Options.defaults());
        assertThat(report.passed()).as(report.toString()).isTrue();
    }

    @Test
    void wholeVaeGradientMatchesFiniteDifferencesWithEpsilonHeldFixed() {
        INDArray x = org.ae4j.testkit.Fixtures.uniform(112, 0, 1, DataType.DOUBLE, 5, 8);
        assertGradientsMatch(small(new BernoulliSpec(), 8, 1.0, -10), x);
        assertGradientsMatch(small(GaussianSpec.defaults(), 8, 2.5, -10), x);
        assertGradientsMatch(small(new GaussianSpec(1, true), 16, 1.0, -10), x);
    }

    @Test
    void clippedLogVarianceGetsNoGradientAndTheCheckStillHolds() {
        Autoencoder model = small(new BernoulliSpec(), 8, 1.0, -10);
        // push every log-variance far below the clip, so the clip is active everywhere
        model.bottleneck().parameters().get(1).value().putScalar(new long[] {0, 3}, -50.0);
        model.bottleneck().parameters().get(1).value().putScalar(new long[] {0, 4}, -50.0);
        model.bottleneck().parameters().get(1).value().putScalar(new long[] {0, 5}, -50.0);
        assertGradientsMatch(model, org.ae4j.testkit.Fixtures.uniform(113, 0, 1, DataType.DOUBLE, 5, 8));
    }

    @Test
    void likelihoodGradientsMatchFiniteDifferences() {
        INDArray x = org.ae4j.testkit.Fixtures.uniform(114, 0, 1, DataType.DOUBLE, 4, 6);
        for (Likelihood l : List.of(new BernoulliLikelihood(org.ae4j.kernel.KernelSelection.best()), new GaussianLikelihood(0.3, false))) {
            GradientCheck.Report r = GradientCheck.loss(l, org.ae4j.testkit.Fixtures.gaussian(115, 1, DataType.DOUBLE, 4, 6), x, GradientCheck.Options.defaults());
            assertThat(r.passed()).as(l.name() + ": " + r).isTrue();
        }
        GaussianLikelihood learned = new GaussianLikelihood(1, true);
        GradientCheck.Report r = GradientCheck.loss(learned, org.ae4j.testkit.Fixtures.gaussian(116, 1, DataType.DOUBLE, 4, 12), x, GradientCheck.Options.defaults());
        assertThat(r.passed()).as("learned variance: " + r).isTrue();
    }

    /** The loop bottleneck (float) against the reparameterisation and the gradients written out with ND4J ops. */
    @Test
    void fusedBottleneckFollowsTheReparameterisationAndItsGradients() {
        int batch = 11;
        int features = 13;
        int latent = 7;
        INDArray w = new RandomSource(1).gaussianInPlace(Nd4j.createUninitialized(DataType.FLOAT, features, 2 * latent), 0, 1);
        INDArray b = new RandomSource(2).gaussianInPlace(Nd4j.createUninitialized(DataType.FLOAT, 1, 2 * latent), 0, 1);
        double beta = 0.7;
        GaussianBottleneck bottleneck = new GaussianBottleneck(w, b, beta, 0, -2, 2, org.ae4j.kernel.KernelSelection.best());      // tight bounds: some clip
        INDArray h = new RandomSource(3).gaussianInPlace(Nd4j.createUninitialized(DataType.FLOAT, batch, features), 0, 1);

        var code = bottleneck.forward(h, new RandomSource(4), 1);

        INDArray epsilon = code.saved("epsilon");
        GaussianBottleneck.Posterior q = bottleneck.posterior(h);
        INDArray std = org.nd4j.linalg.ops.transforms.Transforms.exp(q.logVariance().mul(0.5), true);
        assertThat(code.z().sub(std.mul(epsilon).add(q.mu())).amaxNumber().doubleValue()).isLessThan(1e-5);
        assertThat(code.lossTerm()).isCloseTo(beta * q.klMean(), within(1e-5 * Math.abs(beta * q.klMean())));
        INDArray inside = q.rawLogVariance().eq(q.logVariance()).castTo(DataType.FLOAT);
        assertThat(inside.minNumber().doubleValue()).as("some log-variances were clipped").isZero();

        INDArray g = new RandomSource(5).gaussianInPlace(Nd4j.createUninitialized(DataType.FLOAT, batch, latent), 0, 1);
        INDArray dh = bottleneck.backward(code, g);

        double scale = beta / batch;
        INDArray dMu = g.add(q.mu().mul(scale));
        INDArray dLogVariance = g.mul(epsilon).mul(std).mul(0.5).add(std.mul(std).sub(1.0).mul(0.5 * scale)).mul(inside);
        INDArray dOut = Nd4j.hstack(dMu, dLogVariance);
        assertThat(dh.sub(dOut.mmul(w.transpose())).amaxNumber().doubleValue()).isLessThan(1e-5);
        assertThat(bottleneck.parameters().get(0).gradient().sub(h.transpose().mmul(dOut)).amaxNumber().doubleValue()).isLessThan(1e-5);
        assertThat(bottleneck.parameters().get(1).gradient().sub(dOut.sum(true, 0)).amaxNumber().doubleValue()).isLessThan(1e-5);
    }

    /** The fused Bernoulli kernel (float) gives the value and gradient of the ND4J path checked above. */
    @Test
    void fusedBernoulliEvaluationMatchesTheNd4jPath() {
        INDArray logits = new RandomSource(5)
                .gaussianInPlace(Nd4j.createUninitialized(DataType.FLOAT, 33, 50), 0, 6);
        INDArray target = new RandomSource(6).uniformInPlace(Nd4j.createUninitialized(DataType.FLOAT, 33, 50), 0, 1);
        var fused = new BernoulliLikelihood(org.ae4j.kernel.KernelSelection.named("vector-api")).evaluate(logits, target);
        var plain = new BernoulliLikelihood(org.ae4j.kernel.KernelSelection.named("nd4j")).evaluate(logits, target);
        assertThat(fused.value()).isCloseTo(plain.value(), within(1e-5 * plain.value()));
        assertThat(fused.gradient().sub(plain.gradient()).amaxNumber().doubleValue()).isLessThan(1e-7);
    }

    /** Each example's score from the fused kernel (rows of 50 values: whole vectors and a tail) is the ND4J path's. */
    @Test
    void fusedBernoulliScoresPerExampleMatchTheNd4jPath() {
        INDArray logits = new RandomSource(7).gaussianInPlace(Nd4j.createUninitialized(DataType.FLOAT, 33, 50), 0, 6);
        INDArray target = new RandomSource(8).uniformInPlace(Nd4j.createUninitialized(DataType.FLOAT, 33, 50), 0, 1);
        INDArray fused = new BernoulliLikelihood(org.ae4j.kernel.KernelSelection.named("vector-api")).negativeLogLikelihood(logits, target);
        INDArray plain = new BernoulliLikelihood(org.ae4j.kernel.KernelSelection.named("nd4j")).negativeLogLikelihood(logits, target);
        assertThat(fused.shape()).isEqualTo(new long[] {33});
        assertThat(fused.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(fused.sub(plain).amaxNumber().doubleValue()).isLessThan(1e-5 * plain.amaxNumber().doubleValue());
        assertThat(fused.sumNumber().doubleValue()).isCloseTo(new BernoulliLikelihood(org.ae4j.kernel.KernelSelection.named("vector-api"))
                .evaluate(logits, target).value() * 33, within(1e-3));
    }

    @Test
    void likelihoodsAreTheTextbookNegativeLogDensitiesInNats() {
        INDArray x = Nd4j.create(new double[][] {{0.2, 1.0}});
        INDArray s = Nd4j.create(new double[][] {{0.5, -1.0}});
        double bernoulli = 0;
        for (int i = 0; i < 2; i++) {
            double p = 1 / (1 + Math.exp(-s.getDouble(0, i)));
            bernoulli -= x.getDouble(0, i) * Math.log(p) + (1 - x.getDouble(0, i)) * Math.log(1 - p);
        }
        assertThat(new BernoulliLikelihood(org.ae4j.kernel.KernelSelection.best()).value(s, x)).isCloseTo(bernoulli, within(1e-12));
        double gaussian = 0;
        for (int i = 0; i < 2; i++) {
            double d = x.getDouble(0, i) - s.getDouble(0, i);
            gaussian += 0.5 * (Math.log(2 * Math.PI * 0.3) + d * d / 0.3);
        }
        assertThat(new GaussianLikelihood(0.3, false).value(s, x)).isCloseTo(gaussian, within(1e-12));
    }

    @Test
    void analyticKlMatchesAMonteCarloEstimate() {
        INDArray mu = Nd4j.create(new double[][] {{0.5, -1.0, 0.0}});
        INDArray logVariance = Nd4j.create(new double[][] {{-1.0, 0.5, 0.0}});
        GaussianBottleneck.Posterior q = new GaussianBottleneck.Posterior(mu, logVariance, logVariance);
        double analytic = q.kl().getDouble(0);
        RandomSource random = new RandomSource(3);
        double sum = 0;
        int draws = 20000;
        for (int i = 0; i < draws; i++) {
            INDArray z = q.sample(random, org.ae4j.kernel.KernelSelection.best());
            for (int j = 0; j < 3; j++) {
                double zj = z.getDouble(0, j);
                double m = mu.getDouble(0, j);
                double lv = logVariance.getDouble(0, j);
                double logQ = -0.5 * (Math.log(2 * Math.PI) + lv + (zj - m) * (zj - m) / Math.exp(lv));
                double logP = -0.5 * (Math.log(2 * Math.PI) + zj * zj);
                sum += logQ - logP;
            }
        }
        assertThat(sum / draws).isCloseTo(analytic, within(0.03 * analytic));
    }

    @Test
    void klWeightWarmsUpLinearly() {
        VaeSpec spec = new VaeSpec(VaeSpec.defaults().encoder(), 4, List.of(new DenseSpec(10, "identity")), new BernoulliSpec(),
                2.0, 4, -10, 10);
        GaussianBottleneck b = (GaussianBottleneck) spec.build(new long[] {10}, BuildContext.of(REGISTRY, 1)).bottleneck();
        assertThat(List.of(b.klWeight(1), b.klWeight(2), b.klWeight(4), b.klWeight(9), b.klWeight(0)))
                .containsExactly(0.5, 1.0, 2.0, 2.0, 2.0);
    }

    @Test
    void rejectsADecoderThatDoesNotFitTheLikelihood() {
        VaeSpec spec = new VaeSpec(List.of(new DenseSpec(6, "tanh")), 3, List.of(new DenseSpec(8, "identity")),
                new GaussianSpec(1, true), 1, 0, -10, 10);
        assertThatThrownBy(() -> spec.build(new long[] {8}, BuildContext.of(REGISTRY, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("decoder output shape [8] must be [16] (loss 'gaussian' on inputs of shape [8])");
    }

    @Test
    void vaeConfigRoundTripsThroughJson() {
        ConfigCodec codec = new ConfigCodec(REGISTRY);
        ModelConfig config = codec.read("""
                {"variant": "vae", "model": {"latentSize": 8, "beta": 4.0, "warmupEpochs": 3,
                  "likelihood": {"type": "gaussian", "variance": 0.1}}}""", "vae.json");
        VaeSpec spec = (VaeSpec) config.model();
        assertThat(spec.latentSize()).isEqualTo(8);
        assertThat(spec.likelihood()).isEqualTo(new GaussianSpec(0.1, false));
        assertThat(spec.encoder()).isEqualTo(VaeSpec.defaults().encoder());
        assertThat(codec.read(codec.toJson(config), "round trip")).isEqualTo(config);
        assertThatThrownBy(() -> codec.read("{\"variant\": \"vae\", \"model\": {\"likelihood\": {\"type\": \"poisson\"}}}", "v.json"))
                .hasMessage("v.json: $.model.likelihood.type: unknown type 'poisson'; known types: bernoulli, gaussian");
    }

    @Test
    void trainedVaeHasATighterImportanceWeightedBoundAndDeterministicScores() {
        FashionMnist.Splits sample = FashionMnist.sample();
        MinMaxNormalizer normalizer = MinMaxNormalizer.fitGlobal(sample.train());
        Dataset train = normalizer.transform(sample.train());
        Dataset test = normalizer.transform(sample.test()).slice(0, 200);
        ModelConfig config = ModelConfig.defaults(REGISTRY.variant("vae"))
                .withTraining(TrainingConfig.defaults().withEpochs(3).withBatchSize(64));
        Autoencoder model = config.build(new long[] {784}, REGISTRY);
        new Trainer(config.training()).fit(model, config.optimizer().create(org.ae4j.kernel.KernelSelection.best()), train);
        Vae vae = new Vae(model);

        double elbo = vae.negativeElbo(test, 100, 5, new RandomSource(1));
        double iw = vae.importanceWeightedNll(test, 100, 50, new RandomSource(1));
        assertThat(iw).as("IW(50) vs negative ELBO %.2f", elbo).isLessThan(elbo);
        assertThat(elbo).isBetween(150.0, 600.0);
        assertThat(vae.negativeElbo(test, 100, 5, new RandomSource(1))).isEqualTo(elbo);

        INDArray scores = vae.reconstructionLogProbability(test.features(), 3, new RandomSource(2));
        assertThat(vae.reconstructionLogProbability(test.features(), 3, new RandomSource(2))).isEqualTo(scores);
        assertThat(vae.sample(4, new RandomSource(9))).isEqualTo(vae.sample(4, new RandomSource(9)));
        INDArray path = vae.interpolate(test.features().getRow(0, true), test.features().getRow(1, true), 5);
        assertThat(path.shape()).containsExactly(5, 784);
        assertThat(path.getRow(0)).isEqualTo(model.reconstruct(test.features().getRow(0, true)).getRow(0));
    }

    @Test
    void refusesModelsThatAreNotVaes() {
        Autoencoder vanilla = new org.ae4j.variant.DenseAutoencoderSpec(List.of(4), "relu", "sigmoid", "mse")
                .build(new long[] {8}, BuildContext.of(REGISTRY, 1));
        assertThat(Vae.supports(vanilla)).isFalse();
        assertThatThrownBy(() -> new Vae(vanilla))
                .hasMessage("not a variational autoencoder: it needs a Gaussian bottleneck and a likelihood, got "
                        + "IdentityBottleneck and loss 'mse'");
    }
}
