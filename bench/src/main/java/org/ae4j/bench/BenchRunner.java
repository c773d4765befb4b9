package org.ae4j.bench;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.ae4j.apps.AnomalyScorer;
import org.ae4j.apps.FeatureExtractor;
import org.ae4j.apps.LinearProbe;
import org.ae4j.apps.Pca;
import org.ae4j.apps.Roc;
import org.ae4j.config.ModelConfig;
import org.ae4j.data.Dataset;
import org.ae4j.data.FashionMnist;
import org.ae4j.data.MinMaxNormalizer;
import org.ae4j.model.Autoencoder;
import org.ae4j.registry.Registry;
import org.ae4j.spi.RandomSource;
import org.ae4j.train.EpochMetrics;
import org.ae4j.train.Evaluation;
import org.ae4j.train.NativeMemoryRelease;
import org.ae4j.train.Trainer;
import org.ae4j.train.TrainingConfig;
import org.ae4j.train.TrainingListener;
import org.ae4j.train.TrainingResult;
import org.ae4j.vae.Vae;
import org.ae4j.variant.Variant;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
/**
 * Trains every selected variant and a PCA baseline on the same data, split and seed, measures them
 * all the same way and writes tables and figures (see {@link ReportWriter}).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class BenchRunner {

    private static final int CLASSES = 10;
    private static final int BATCH = 256;

    private final Registry registry;
    private final Consumer<String> log;
    private double pcaSeconds;

    public BenchRunner(Registry registry, Consumer<String> log) {
        this.registry = registry;
        this.log = log;
    }

    /** Runs the benchmark and writes its files into {@code options.out()}. */
    public BenchReport run(BenchOptions options, String command) throws IOException {
        String started = Instant.now().toString();
        FashionMnist.Splits splits = options.data().isPresent() ? FashionMnist.load(options.data().get()) : FashionMnist.sample();
        MinMaxNormalizer normalizer = MinMaxNormalizer.fitGlobal(splits.train());
        Dataset train = normalizer.transform(splits.train());
        Dataset test = normalizer.transform(splits.test());
        List<String> names = options.variants().isEmpty() ? List.copyOf(registry.variantNames()) : options.variants();
        names.forEach(registry::variant); // unknown names fail here, listing the known ones
        log.accept(String.format(Locale.ROOT, "bench: %s on %s (%,d train, %,d test), %s, %d anomaly classes",
                names, splits.source(), train.size(), test.size(), options.describeTraining(), options.anomalyClasses()));

        ReportWriter writer = new ReportWriter(options.out());
        List<ModelResult> results = new ArrayList<>();
        long pcaStart = System.nanoTime();
        Pca pca = Pca.fit(train);
        pcaSeconds = (System.nanoTime() - pcaStart) / 1e9;
        for (String name : names) {
            results.add(benchVariant(registry.variant(name), train, test, pca, options, writer));
        }
        Map<Integer, Pca> perClass = new LinkedHashMap<>();
        for (int c = 0; c < options.anomalyClasses(); c++) {
            perClass.put(c, Pca.fit(ofClass(train, c)));
        }
        for (long k : new TreeSet<>(results.stream().map(ModelResult::codeSize).filter(k -> k <= train.exampleLength()).toList())) {
            results.add(benchPca((int) k, pca, perClass, train, test, options, writer));
        }
        BenchReport report = new BenchReport(command, machine(), splits.source() + " (" + train.size() + " train, " + test.size()
                + " test)", options.describeTraining(), started, results);
        writer.write(report);
        log.accept("bench: wrote " + options.out().resolve("report.md"));
        return report;
    }

    private ModelResult benchVariant(Variant variant, Dataset train, Dataset test, Pca pca, BenchOptions options,
                                     ReportWriter writer) throws IOException {
        ModelConfig defaults = ModelConfig.defaults(variant);
        TrainingConfig training = options.training(defaults.training(), train.size());
        ModelConfig config = defaults.withTraining(training);
        Autoencoder model = config.build(train.exampleShape(), registry);
        MemoryWatch memory = new MemoryWatch();
        List<Double> losses = new ArrayList<>();
        TrainingListener recorder = new TrainingListener() {
            @Override
            public void onEpochEnd(EpochMetrics m) {
                losses.add(m.trainLoss());
                log.accept(String.format(Locale.ROOT, "bench: %s epoch %d/%d  loss %.6f  %,.0f samples/s", variant.name(),
                        m.epoch(), training.epochs(), m.trainLoss(), m.samplesPerSecond()));
            }
        };
        long start = System.nanoTime();
        TrainingResult result = new Trainer(training, List.of(recorder, memory, new NativeMemoryRelease()))
                .fit(model, config.optimizer().create(registry.kernels()), train);
        double trainSeconds = (System.nanoTime() - start) / 1e9;

        double negElbo = Vae.supports(model) ? new Vae(model).negativeElbo(test, BATCH, 1, new RandomSource(options.seed()))
                : Double.NaN;
        Map<Integer, Double> aurocs = new LinkedHashMap<>();
        for (int c = 0; c < options.anomalyClasses(); c++) {
            Autoencoder oneClass = config.build(train.exampleShape(), registry);
            Dataset normal = ofClass(train, c);
            new Trainer(options.oneClassTraining(defaults.training(), normal.size()), List.of(new NativeMemoryRelease()))
                    .fit(oneClass, config.optimizer().create(registry.kernels()), normal);
            aurocs.put(c, auroc(AnomalyScorer.reconstructionError(oneClass), test, c));
        }
        long code = model.codeSize();
        double pcaMse = code <= train.exampleLength() ? Evaluation.meanSquaredError(pca.autoencoder((int) code, registry.kernels()), test, BATCH)
                : Double.NaN;
        writer.figures(variant.name(), model, test);
        if (Vae.supports(model)) {
            writer.samples(variant.name(), new Vae(model).sample(64, new RandomSource(options.seed())), test);
        }
        ModelResult r = new ModelResult(variant.name(), code, Evaluation.meanSquaredError(model, test, BATCH), bce(model, test),
                negElbo, pcaMse, probe(model, train, test, options), mean(aurocs), aurocs, result.steadySamplesPerSecond(),
                InferenceSpeed.of(model, test, BATCH), trainSeconds, memory.peakHeapMb(), memory.peakResidentMb(), losses);
        log.accept(String.format(Locale.ROOT, "bench: %s  test MSE %.5f (PCA %s)  probe %.3f  AUROC %.3f  %.1f s (%d epochs)",
                r.model(), r.testMse(), Double.isNaN(r.pcaMseAtSameCode()) ? "–" : String.format(Locale.ROOT, "%.5f", r.pcaMseAtSameCode()),
                r.probeAccuracy(), r.meanAuroc(), trainSeconds, result.history().size()));
        return r;
    }

    private ModelResult benchPca(int k, Pca pca, Map<Integer, Pca> perClass, Dataset train, Dataset test, BenchOptions options,
                                 ReportWriter writer) throws IOException {
        Autoencoder model = pca.autoencoder(k, registry.kernels());
        double fitSeconds = pcaSeconds;
        Map<Integer, Double> aurocs = new LinkedHashMap<>();
        for (Map.Entry<Integer, Pca> c : perClass.entrySet()) {
            aurocs.put(c.getKey(), auroc(AnomalyScorer.reconstructionError(c.getValue().autoencoder(k, registry.kernels())), test, c.getKey()));
        }
        String name = "pca-" + k;
        writer.figures(name, model, test);
        double mse = Evaluation.meanSquaredError(model, test, BATCH);
        ModelResult r = new ModelResult(name, k, mse, bce(model, test), Double.NaN, mse, probe(model, train, test, options),
                mean(aurocs), aurocs, train.size() / fitSeconds, InferenceSpeed.of(model, test, BATCH), fitSeconds, Double.NaN, Double.NaN,
                List.of());
        log.accept(String.format(Locale.ROOT, "bench: %s  test MSE %.5f  probe %.3f  AUROC %.3f", name, mse, r.probeAccuracy(),
                r.meanAuroc()));
        return r;
    }

    private static Dataset ofClass(Dataset data, int c) {
        int[] labels = data.labels().orElseThrow();
        int[] indices = java.util.stream.IntStream.range(0, labels.length).filter(i -> labels[i] == c).toArray();
        if (indices.length == 0) {
            throw new IllegalArgumentException("the training data has no example of class " + c);
        }
        return data.select(indices);
    }

    /** One-class protocol: class {@code c} is normal, every other class an anomaly to detect. */
    private static double auroc(AnomalyScorer scorer, Dataset test, int c) {
        int[] labels = test.labels().orElseThrow();
        boolean[] anomalous = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            anomalous[i] = labels[i] != c;
        }
        return Roc.auroc(scorer.scores(test), anomalous);
    }

    /** Probe training uses at most this many training examples (a seeded random subset): full-batch steps stay cheap. */
    static final int PROBE_EXAMPLES = 10_000;

    private static double probe(Autoencoder model, Dataset train, Dataset test, BenchOptions options) {
        FeatureExtractor features = new FeatureExtractor(model, BATCH);
        Dataset probeTrain = train.size() <= PROBE_EXAMPLES ? train
                : train.select(java.util.Arrays.copyOf(new RandomSource(options.seed()).split("probe").permutation(train.size()),
                PROBE_EXAMPLES));
        LinearProbe probe = LinearProbe.fit(features.features(probeTrain), CLASSES, options.probeIterations(), 0.05, model.kernels());
        return probe.accuracy(features.features(test));
    }

    /** Per-value binary cross-entropy of the reconstruction in data space, clamped to [1e-7, 1 − 1e-7]. */
    private static double bce(Autoencoder model, Dataset data) {
        double sum = 0;
        for (INDArray batch : data.batches(BATCH)) {
            INDArray r = model.reconstruct(batch).castTo(DataType.DOUBLE);
            INDArray p = org.nd4j.linalg.ops.transforms.Transforms.min(
                    org.nd4j.linalg.ops.transforms.Transforms.max(r, 1e-7, false), 1 - 1e-7, false);
            INDArray x = batch.castTo(DataType.DOUBLE);
            INDArray logP = org.nd4j.linalg.ops.transforms.Transforms.log(p, true);
            INDArray log1mP = org.nd4j.linalg.ops.transforms.Transforms.log(p.rsub(1.0), false);
            sum -= x.mul(logP).addi(x.rsub(1.0).muli(log1mP)).sumNumber().doubleValue();
        }
        return sum / (data.size() * (double) data.exampleLength());
    }

    private static double mean(Map<Integer, Double> values) {
        return values.values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst()
                    .orElse(cpu);
        } catch (IOException | RuntimeException e) {
            // not Linux: keep the generic description
        }
        return cpu + ", " + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version")
                + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch");
    }
}
