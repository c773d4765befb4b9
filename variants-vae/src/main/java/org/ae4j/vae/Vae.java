package org.ae4j.vae;

import org.ae4j.data.Dataset;
import org.ae4j.model.Autoencoder;
import org.ae4j.spi.RandomSource;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * What a trained variational autoencoder is for: generation, interpolation, evaluation of the ELBO
 * and of an importance-weighted log-likelihood bound, and anomaly scores by reconstruction
 * probability. Every stochastic method takes an explicit seeded {@link RandomSource}, so the same
 * model, input and seed always give the same answer.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Vae {

    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final Autoencoder model;
    private final GaussianBottleneck bottleneck;
    private final Likelihood likelihood;

    /** @throws IllegalArgumentException if {@code model} has no Gaussian bottleneck and likelihood */
    public Vae(Autoencoder model) {
        if (!(model.bottleneck() instanceof GaussianBottleneck gaussian) || !(model.loss() instanceof Likelihood l)) {
            throw new IllegalArgumentException("not a variational autoencoder: it needs a Gaussian bottleneck and a likelihood, "
                    + "got " + model.bottleneck().getClass().getSimpleName() + " and loss '" + model.loss().name() + "'");
        }
        this.model = model;
        this.bottleneck = gaussian;
        this.likelihood = l;
    }

    /** Whether {@code model} is a VAE this class can work with. */
    public static boolean supports(Autoencoder model) {
        return model.bottleneck() instanceof GaussianBottleneck && model.loss() instanceof Likelihood;
    }

    public Autoencoder model() {
        return model;
    }

    /** {@code n} new examples in data space: decoded draws {@code z ~ N(0, I)}. */
    public INDArray sample(int n, RandomSource random) {
        if (n < 1) {
            throw new IllegalArgumentException("sample count must be >= 1, got " + n);
        }
        INDArray z = model.kernels().gaussian(Nd4j.createUninitialized(dataType(), n, bottleneck.codeSize()), 0, 1, random);
        return model.decode(z);
    }

    /**
     * The decoded straight line between the posterior means of {@code from} and {@code to} (single
     * examples {@code [1, …]}), {@code steps} points including both ends.
     */
    public INDArray interpolate(INDArray from, INDArray to, int steps) {
        if (steps < 2) {
            throw new IllegalArgumentException("interpolation needs at least 2 steps, got " + steps);
        }
        INDArray a = model.encode(from);
        INDArray b = model.encode(to);
        INDArray path = Nd4j.createUninitialized(a.dataType(), steps, a.size(1));
        for (int i = 0; i < steps; i++) {
            double t = (double) i / (steps - 1);
            path.putRow(i, a.mul(1 - t).addi(b.mul(t)));
        }
        return model.decode(path);
    }

    /**
     * The negative ELBO in nats per example, {@code E_q[−log p(x|z)] + KL(q(z|x) ‖ p(z))}, the expectation
     * estimated with {@code samples} posterior draws per example.
     */
    public double negativeElbo(Dataset data, int batchSize, int samples, RandomSource random) {
        requireSamples(samples);
        double sum = 0;
        for (INDArray batch : data.batches(batchSize)) {
            GaussianBottleneck.Posterior q = bottleneck.posterior(model.encoder().forward(batch).output());
            sum += q.kl().sumNumber().doubleValue();
            for (int s = 0; s < samples; s++) {
                sum += negativeLogLikelihood(batch, q.sample(random, model.kernels())).sumNumber().doubleValue() / samples;
            }
        }
        return sum / data.size();
    }

    /**
     * The importance-weighted bound on {@code −log p(x)} (Burda, Grosse &amp; Salakhutdinov, 2016) in nats
     * per example: {@code −log (1/K) Σₖ p(x|zₖ) p(zₖ) / q(zₖ|x)}, {@code zₖ ~ q(z|x)}, by a stable
     * log-sum-exp. It is at most the negative ELBO and tightens as {@code k} grows.
     */
    public double importanceWeightedNll(Dataset data, int batchSize, int k, RandomSource random) {
        requireSamples(k);
        double sum = 0;
        for (INDArray batch : data.batches(batchSize)) {
            GaussianBottleneck.Posterior q = bottleneck.posterior(model.encoder().forward(batch).output());
            long n = batch.size(0);
            double[][] logWeights = new double[(int) n][k];
            for (int s = 0; s < k; s++) {
                INDArray epsilon = model.kernels().gaussian(Nd4j.createUninitialized(q.mu().dataType(), q.mu().shape()), 0, 1, random);
                INDArray z = Transforms.exp(q.logVariance().mul(0.5), false).muli(epsilon).addi(q.mu());
                // log p(z) − log q(z|x): the squared terms of q reduce to ε², the normalisers to Σ log σ
                INDArray logPrior = z.mul(z).sum(1).addi(LOG_2PI * z.size(1)).muli(-0.5);
                INDArray logPosterior = epsilon.mul(epsilon).addi(q.logVariance()).addi(LOG_2PI).sum(1).muli(-0.5);
                double[] logW = logPrior.subi(logPosterior).subi(negativeLogLikelihood(batch, z)).toDoubleVector();
                for (int i = 0; i < n; i++) {
                    logWeights[i][s] = logW[i];
                }
            }
            for (double[] w : logWeights) {
                sum -= logSumExp(w) - Math.log(k);
            }
        }
        return sum / data.size();
    }

    /**
     * Reconstruction probability (An &amp; Cho, 2015): the Monte-Carlo estimate of
     * {@code E_{q(z|x)}[log p(x|z)]} per example with {@code samples} draws, {@code [batch]}. Lower means
     * more anomalous; its negative is an anomaly score.
     */
    public INDArray reconstructionLogProbability(INDArray x, int samples, RandomSource random) {
        requireSamples(samples);
        GaussianBottleneck.Posterior q = bottleneck.posterior(model.encoder().forward(x).output());
        INDArray total = Nd4j.zeros(x.dataType(), x.size(0));
        for (int s = 0; s < samples; s++) {
            total.subi(negativeLogLikelihood(x, q.sample(random, model.kernels())));
        }
        return total.divi(samples);
    }

    private INDArray negativeLogLikelihood(INDArray x, INDArray z) {
        return likelihood.negativeLogLikelihood(model.decoder().forward(z).output(), x);
    }

    private org.nd4j.linalg.api.buffer.DataType dataType() {
        return bottleneck.parameters().get(0).value().dataType();
    }

    static double logSumExp(double[] values) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            max = Math.max(max, v);
        }
        if (Double.isInfinite(max)) {
            return max;
        }
        double sum = 0;
        for (double v : values) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum);
    }

    private static void requireSamples(int samples) {
        if (samples < 1) {
            throw new IllegalArgumentException("the number of samples must be >= 1, got " + samples);
        }
    }
}
