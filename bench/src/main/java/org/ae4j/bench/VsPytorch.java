package org.ae4j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.ae4j.config.ModelConfig;
import org.ae4j.data.Dataset;
import org.ae4j.data.FashionMnist;
import org.ae4j.data.MinMaxNormalizer;
import org.ae4j.model.Autoencoder;
import org.ae4j.persist.AtomicFiles;
import org.ae4j.persist.Npy;
import org.ae4j.registry.Registry;
import org.ae4j.spi.Parameter;
import org.ae4j.spi.RandomSource;
import org.ae4j.train.EpochMetrics;
import org.ae4j.train.Evaluation;
import org.ae4j.train.Trainer;
import org.ae4j.train.TrainingConfig;
import org.ae4j.train.TrainingListener;
import org.ae4j.train.TrainingResult;
import org.ae4j.vae.Vae;
import org.apiguardian.api.API;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ae4j against the PyTorch reference scripts of {@code bench/reference/}: for each variant, the same
 * architecture, batch, optimizer, data and epochs, run alternately in one session (round r runs ae4j
 * first when r is odd, PyTorch first when even; round r uses seed {@code seed + r − 1} on both sides).
 * Both train on the whole training set with no validation hold-out; training throughput excludes the
 * first epoch on both sides. See {@link Row} for how rounds are summarised.
 *
 * <p>Paired (the default): each round's reference script starts from the very parameters ae4j's model
 * starts from and visits the training images in the order ae4j's {@link Trainer} does, so the two
 * sides differ only in their arithmetic and in the noise they draw (corruption, sampling), and
 * their test losses can be compared closely; unpaired, PyTorch draws its own initial parameters (from
 * the same distributions) and its own order, and one seed's loss after a few epochs varies by several
 * percent (conv: ±12 %).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class VsPytorch {

    private static final int BATCH = 256;

    /**
     * @param python         the Python interpreter that has torch (e.g. {@code /usr/bin/python3})
     * @param reference      the folder of the reference scripts, one {@code <variant>.py} each
     * @param torchThreads   torch's intra-op threads; 0: the variant's faster setting ({@link #peerThreads})
     * @param openblasThreads {@code OPENBLAS_NUM_THREADS} for the reference process; 0: the variant's faster setting
     * @param paired         whether the reference starts from ae4j's initial parameters and example order
     * @param workers        ae4j's data-parallel workers ({@link TrainingConfig#workers()})
     */
    public record Options(Path data, List<String> variants, int epochs, int rounds, long seed, String python, Path reference,
                          int torchThreads, int openblasThreads, boolean paired, int workers, Path out) {
        public Options {
            variants = List.copyOf(variants);
            if (workers < 1) {
                throw new IllegalArgumentException("--workers must be >= 1, got " + workers);
            }
            if (epochs < 2) {
                throw new IllegalArgumentException("--epochs must be >= 2 (throughput excludes the first epoch), got " + epochs);
            }
            if (rounds < 1) {
                throw new IllegalArgumentException("--rounds must be >= 1, got " + rounds);
            }
            if (torchThreads < 0 || openblasThreads < 0) {
                throw new IllegalArgumentException("--torch-threads and --openblas-threads must be >= 0 (0: the variant's faster "
                        + "setting), got " + torchThreads + " and " + openblasThreads);
            }
        }

        /**
         * PyTorch's threads for {@code variant}: those given, else (0) its faster setting on this machine's {@code n}
         * cores — conv with torch at {@code n} and OpenBLAS at 1 (its convolutions run on torch's threads), the dense
         * variants with torch at 1 and OpenBLAS at {@code n} (their products run on OpenBLAS's threads: one thread left
         * PyTorch's inference at half its speed). Measured: docs/performance.md.
         */
        public PeerThreads peerThreads(String variant) {
            int cores = Runtime.getRuntime().availableProcessors();
            boolean conv = variant.equals("conv");
            return new PeerThreads(torchThreads > 0 ? torchThreads : conv ? cores : 1,
                    openblasThreads > 0 ? openblasThreads : conv ? 1 : cores);
        }
    }

    /** PyTorch's intra-op threads and {@code OPENBLAS_NUM_THREADS} for one variant's reference runs. */
    public record PeerThreads(int torch, int openblas) {
    }

    /**
     * One side's measurements of one round; for ae4j also the live heap (after a collection) and the
     * process's resident memory at the end of each epoch.
     */
    public record Side(double trainSamplesPerSec, double inferSamplesPerSec, double testMse, double testNegElbo,
                       List<Double> epochSeconds, List<Double> trainLoss, List<Double> heapMb, List<Double> residentMb) {
    }

    /**
     * One variant: every round of each side. Throughput is the best round's (the machine is shared
     * and noisy; the first round also warms the JIT); test losses are the mean over the rounds,
     * whose seeds differ, because one seed's loss after a few epochs varies by several percent.
     */
    public record Row(String variant, PeerThreads pytorchThreads, List<Side> ae4jRounds, List<Side> pytorchRounds) {
        public Row {
            ae4jRounds = List.copyOf(ae4jRounds);
            pytorchRounds = List.copyOf(pytorchRounds);
        }

        public double ae4jTrain() {
            return best(ae4jRounds, Side::trainSamplesPerSec);
        }

        public double pytorchTrain() {
            return best(pytorchRounds, Side::trainSamplesPerSec);
        }

        public double ae4jInfer() {
            return best(ae4jRounds, Side::inferSamplesPerSec);
        }

        public double pytorchInfer() {
            return best(pytorchRounds, Side::inferSamplesPerSec);
        }

        public double trainRatio() {
            return ae4jTrain() / pytorchTrain();
        }

        public double inferRatio() {
            return ae4jInfer() / pytorchInfer();
        }

        /** Whether the losses compared are negative ELBOs (a VAE) rather than test MSEs. */
        public boolean elbo() {
            return !Double.isNaN(ae4jRounds.get(0).testNegElbo());
        }

        public double ae4jLoss() {
            return mean(ae4jRounds, elbo() ? Side::testNegElbo : Side::testMse);
        }

        public double pytorchLoss() {
            return mean(pytorchRounds, elbo() ? Side::testNegElbo : Side::testMse);
        }

        /** Mean test loss of ae4j over PyTorch's: below 1 means ae4j's models are better. */
        public double lossRatio() {
            return ae4jLoss() / pytorchLoss();
        }

        private static double best(List<Side> rounds, java.util.function.ToDoubleFunction<Side> metric) {
            return rounds.stream().mapToDouble(metric).max().orElse(Double.NaN);
        }

        private static double mean(List<Side> rounds, java.util.function.ToDoubleFunction<Side> metric) {
            return rounds.stream().mapToDouble(metric).average().orElse(Double.NaN);
        }
    }

    private final Registry registry;
    private final Consumer<String> log;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public VsPytorch(Registry registry, Consumer<String> log) {
        this.registry = registry;
        this.log = log;
    }

    /** Runs every round, writes {@code vs-pytorch.md} and {@code vs-pytorch.json} into the output folder. */
    public List<Row> run(Options options, String command) throws IOException, InterruptedException {
        FashionMnist.Splits splits = FashionMnist.load(options.data());
        MinMaxNormalizer normalizer = MinMaxNormalizer.fitGlobal(splits.train());
        Dataset train = normalizer.transform(splits.train());
        Dataset test = normalizer.transform(splits.test());
        List<String> names = options.variants().isEmpty() ? List.copyOf(registry.variantNames()) : options.variants();
        names.forEach(registry::variant);
        for (String name : names) {
            Path script = options.reference().resolve(name + ".py");
            if (!Files.isRegularFile(script)) {
                throw new IllegalArgumentException("no reference script for variant '" + name + "': " + script + " does not exist");
            }
        }
        List<Row> rows = new ArrayList<>();
        for (String name : names) {
            List<Side> ours = new ArrayList<>();
            List<Side> theirs = new ArrayList<>();
            for (int round = 1; round <= options.rounds(); round++) {
                long seed = options.seed() + round - 1;
                Prepared prepared = prepare(name, train, options, seed);
                Path start = options.paired() ? Files.createTempDirectory("ae4j-vs-pytorch-") : null;
                try {
                    if (start != null) {
                        export(prepared, train.size(), start);
                    }
                    if (round % 2 == 1) {
                        ours.add(ae4j(name, prepared, train, test, seed));
                        theirs.add(pytorch(name, options, seed, start));
                    } else {
                        theirs.add(pytorch(name, options, seed, start));
                        ours.add(ae4j(name, prepared, train, test, seed));
                    }
                } finally {
                    deleteTree(start);
                }
                Side a = ours.get(ours.size() - 1);
                Side b = theirs.get(theirs.size() - 1);
                log.accept(String.format(Locale.ROOT, "vs-pytorch: %s round %d (seed %d): ae4j %,.0f samples/s, pytorch %,.0f samples/s "
                        + "(%.2fx); test MSE %.5f vs %.5f", name, round, seed, a.trainSamplesPerSec(), b.trainSamplesPerSec(),
                        a.trainSamplesPerSec() / b.trainSamplesPerSec(), a.testMse(), b.testMse()));
            }
            rows.add(new Row(name, options.peerThreads(name), ours, theirs));
        }
        write(options, command, rows);
        return rows;
    }

    /** A variant's model, built and initialised (output bias included) but not yet trained, and how to train it. */
    private record Prepared(ModelConfig config, Autoencoder model) {
    }

    private Prepared prepare(String name, Dataset train, Options options, long seed) {
        ModelConfig defaults = ModelConfig.defaults(registry.variant(name));
        TrainingConfig training = defaults.training().withEpochs(options.epochs()).withSeed(seed)
                .withValidationFraction(0).withBatchSize(BATCH).withWorkers(options.workers());
        Autoencoder model = defaults.withTraining(training).build(train.exampleShape(), registry);
        if (training.initOutputBias()) {                 // here rather than in fit, so that export() sees it
            org.ae4j.train.OutputBias.initialize(model, train);
            training = training.withInitOutputBias(false);
        }
        return new Prepared(defaults.withTraining(training), model);
    }

    /**
     * Writes what the reference script's {@code --init} reads: each initial parameter as
     * {@code NN-name.npy} (ae4j's layout), {@code params.json} listing them in order, and
     * {@code order.npy}, int32 {@code [epochs, examples]}, the order {@link Trainer} visits the examples in.
     */
    private void export(Prepared prepared, int examples, Path directory) throws IOException {
        List<Map<String, Object>> entries = new ArrayList<>();
        List<Parameter> parameters = prepared.model().parameters();
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            String file = String.format(Locale.ROOT, "%02d-%s.npy", i, p.name());
            AtomicFiles.write(directory.resolve(file), Npy.write(p.value()));
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", p.name());
            entry.put("file", file);
            entry.put("shape", p.value().shape());
            entries.add(entry);
        }
        AtomicFiles.write(directory.resolve("params.json"), json.writeValueAsBytes(entries));
        TrainingConfig training = prepared.config().training();
        int epochs = training.epochs();
        int[] order = new int[Math.multiplyExact(epochs, examples)];
        for (int epoch = 1; epoch <= epochs; epoch++) {
            System.arraycopy(Trainer.shuffleOrder(training.seed(), epoch, examples), 0, order, (epoch - 1) * examples, examples);
        }
        AtomicFiles.write(directory.resolve("order.npy"), Npy.write(Nd4j.createFromArray(order).reshape(epochs, examples)));
    }

    private static void deleteTree(Path directory) throws IOException {
        if (directory == null) {
            return;
        }
        try (var files = Files.walk(directory)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }

    private Side ae4j(String name, Prepared prepared, Dataset train, Dataset test, long seed) {
        ModelConfig config = prepared.config();
        TrainingConfig training = config.training();
        Autoencoder model = prepared.model();
        List<Double> heap = new ArrayList<>();
        List<Double> resident = new ArrayList<>();
        TrainingListener memory = new TrainingListener() {
            @Override
            public void onEpochEnd(EpochMetrics m) {
                System.gc();                             // after the epoch's timing: live heap, not garbage
                Runtime runtime = Runtime.getRuntime();
                heap.add((runtime.totalMemory() - runtime.freeMemory()) / 1048576.0);
                resident.add(Pointer.physicalBytes() / 1048576.0);
                log.accept(String.format(Locale.ROOT, "vs-pytorch: ae4j %s epoch %d: loss %.5f, %.2f s, %,.0f samples/s, heap %.0f MB, RSS %.0f MB",
                        name, m.epoch(), m.trainLoss(), m.seconds(), m.samplesPerSecond(), heap.get(heap.size() - 1),
                        resident.get(resident.size() - 1)));
            }
        };
        TrainingResult result = new Trainer(training, List.of(memory)).fit(model, config.optimizer().create(model.kernels()), train);
        double mse = Evaluation.meanSquaredError(model, test, BATCH);
        double negElbo = Vae.supports(model) ? new Vae(model).negativeElbo(test, BATCH, 1, new RandomSource(seed)) : Double.NaN;
        return new Side(result.steadySamplesPerSecond(), InferenceSpeed.of(model, test, BATCH), mse, negElbo,
                result.history().stream().map(EpochMetrics::seconds).toList(),
                result.history().stream().map(EpochMetrics::trainLoss).toList(), heap, resident);
    }

    private Side pytorch(String name, Options options, long seed, Path start) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(options.python(), options.reference().resolve(name + ".py").toString(),
                "--data", options.data().toString(), "--epochs", String.valueOf(options.epochs()), "--batch", String.valueOf(BATCH),
                "--seed", String.valueOf(seed), "--threads", String.valueOf(options.peerThreads(name).torch())));
        if (start != null) {
            command.addAll(List.of("--init", start.toString()));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false);
        builder.environment().put("OPENBLAS_NUM_THREADS", String.valueOf(options.peerThreads(name).openblas()));
        Process process = builder.start();
        Thread errors = new Thread(() -> new java.io.BufferedReader(new java.io.InputStreamReader(process.getErrorStream(),
                StandardCharsets.UTF_8)).lines().forEach(l -> log.accept("vs-pytorch: pytorch " + l)));
        errors.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        errors.join();
        String last = out.lines().reduce((a, b) -> b).orElse("");
        if (exit != 0 || !last.startsWith("{")) {
            throw new IOException("reference script " + command + " failed (exit " + exit + "); its last output line: " + last);
        }
        JsonNode r = json.readTree(last);
        List<Double> seconds = new ArrayList<>();
        List<Double> losses = new ArrayList<>();
        r.get("epochs").forEach(e -> {
            seconds.add(e.get("seconds").asDouble());
            losses.add(e.get("train_loss").asDouble());
        });
        return new Side(r.get("train_samples_per_sec").asDouble(), r.get("infer_samples_per_sec").asDouble(),
                r.get("test_mse").asDouble(), r.has("test_neg_elbo") ? r.get("test_neg_elbo").asDouble() : Double.NaN,
                seconds, losses, List.of(), List.of());
    }

    private void write(Options options, String command, List<Row> rows) throws IOException {
        Files.createDirectories(options.out());
        StringBuilder md = new StringBuilder("# ae4j vs PyTorch\n\n");
        md.append("Command: `").append(command).append("`  \n");
        md.append(String.format(Locale.ROOT, "Epochs: %d, batch %d, rounds: %d (seeds %d to %d; round r runs ae4j first when r is odd), "
                + "PyTorch's torch threads / OPENBLAS_NUM_THREADS per variant in the last column%s; ae4j workers %d, OMP_NUM_THREADS %s.%n%s%n%n",
                options.epochs(), BATCH, options.rounds(), options.seed(), options.seed() + options.rounds() - 1,
                options.torchThreads() == 0 || options.openblasThreads() == 0 ? " (0 asked for: each variant's faster setting)" : "",
                options.workers(), System.getenv().getOrDefault("OMP_NUM_THREADS", "(unset)"), options.paired()
                        ? "Paired: in each round PyTorch starts from ae4j's initial parameters and visits the training images in ae4j's order."
                        : "Unpaired: PyTorch draws its own initial parameters (same distributions) and its own example order."));
        md.append("| variant | ae4j train samples/s | PyTorch train samples/s | ratio | ae4j infer samples/s | PyTorch infer samples/s | ratio "
                + "| ae4j test loss | PyTorch test loss | loss ratio | PyTorch threads, torch / BLAS |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row row : rows) {
            md.append(String.format(Locale.ROOT, "| %s | %,.0f | %,.0f | %.2f | %,.0f | %,.0f | %.2f | %s | %s | %.3f | %d / %d |%n",
                    row.variant(), row.ae4jTrain(), row.pytorchTrain(), row.trainRatio(), row.ae4jInfer(), row.pytorchInfer(),
                    row.inferRatio(), loss(row.ae4jLoss(), row.elbo()), loss(row.pytorchLoss(), row.elbo()), row.lossRatio(),
                    row.pytorchThreads().torch(), row.pytorchThreads().openblas()));
        }
        md.append("\nSamples/s: the best round of each side (training throughput excludes each run's first epoch). "
                + "Test loss: the mean over the rounds of the negative ELBO (nats per example) for the VAE, else the per-value "
                + "test MSE; a loss ratio below 1 means ae4j's models are better. Every round is in vs-pytorch.json.\n");
        AtomicFiles.write(options.out().resolve("vs-pytorch.md"), md.toString().getBytes(StandardCharsets.UTF_8));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("command", command);
        doc.put("epochs", options.epochs());
        doc.put("rounds", options.rounds());
        doc.put("torch_threads", options.torchThreads());
        doc.put("openblas_threads", options.openblasThreads());
        doc.put("workers", options.workers());
        doc.put("paired", options.paired());
        doc.put("rows", rows);
        AtomicFiles.write(options.out().resolve("vs-pytorch.json"), json.writeValueAsBytes(doc));
    }

    private static String loss(double value, boolean elbo) {
        return String.format(Locale.ROOT, elbo ? "%.2f" : "%.5f", value);
    }
}
