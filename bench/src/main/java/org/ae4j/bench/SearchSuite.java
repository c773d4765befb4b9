package org.ae4j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.ae4j.apps.FeatureExtractor;
import org.ae4j.apps.Pca;
import org.ae4j.config.ModelConfig;
import org.ae4j.data.Dataset;
import org.ae4j.data.FashionMnist;
import org.ae4j.data.MinMaxNormalizer;
import org.ae4j.model.Autoencoder;
import org.ae4j.persist.AtomicFiles;
import org.ae4j.persist.Npy;
import org.ae4j.registry.Registry;
import org.ae4j.search.CodeIndex;
import org.ae4j.search.Metric;
import org.ae4j.search.Neighbor;
import org.ae4j.train.NativeMemoryRelease;
import org.ae4j.train.Trainer;
import org.ae4j.train.TrainingConfig;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@code ae4j bench --suite search}: nearest-neighbour search on Fashion-MNIST — the 60,000 training images indexed,
 * the 10,000 test images as queries — in several representations: raw pixels, each variant's codes (trained with its
 * defaults) and PCA at each variant's code size. Per representation and metric: precision@10 by class label, ae4j's
 * exact search (queries/s) beside scikit-learn's brute-force {@code NearestNeighbors} on the same codes in the same
 * run ({@code bench/reference/search.py}), and the HNSW graph's build time, queries/s and recall@10 against exact
 * search. Writes {@code search.jsonl} and {@code search.md}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class SearchSuite {

    /** Neighbours per query. */
    public static final int K = 10;

    /** Queries answered before the timed run, by ae4j and by the peer alike. */
    static final int WARM_UP = 100;

    /**
     * What the suite runs on.
     *
     * @param data      the Fashion-MNIST IDX folder
     * @param variants  the variants whose codes are searched (all registered when empty)
     * @param epochs    training epochs per variant
     * @param seed      the training seed
     * @param python    a Python 3 with scikit-learn
     * @param reference the folder of the peer scripts ({@code bench/reference})
     * @param out       where the codes, the results and the report go
     */
    public record Options(Path data, List<String> variants, int epochs, long seed, String python, Path reference, Path out) {
    }

    private final Registry registry;
    private final Consumer<String> log;

    public SearchSuite(Registry registry, Consumer<String> log) {
        this.registry = registry;
        this.log = log;
    }

    /** One representation's codes of the training (indexed) and test (query) images. */
    private record Codes(String name, INDArray train, INDArray test, double trainSeconds) {
    }

    /** Runs the suite; returns the report's markdown. */
    public String run(Options options, String command) throws IOException, InterruptedException {
        String started = Instant.now().toString();
        FashionMnist.Splits splits = FashionMnist.load(options.data());
        MinMaxNormalizer normalizer = MinMaxNormalizer.fitGlobal(splits.train());
        Dataset train = normalizer.transform(splits.train());
        Dataset test = normalizer.transform(splits.test());
        int[] trainLabels = train.labels().orElseThrow();
        int[] testLabels = test.labels().orElseThrow();
        List<String> names = options.variants().isEmpty() ? List.copyOf(registry.variantNames()) : options.variants();
        names.forEach(registry::variant);

        List<Codes> all = new ArrayList<>();
        all.add(new Codes("pixels", flat(train.features()), flat(test.features()), 0));
        Pca pca = Pca.fit(train);
        TreeSet<Long> sizes = new TreeSet<>();
        for (String name : names) {
            Codes codes = variantCodes(name, train, test, options);
            all.add(codes);
            sizes.add((long) codes.train().columns());
        }
        for (long k : sizes) {
            if (k < train.exampleLength()) {
                Autoencoder projection = pca.autoencoder((int) k, registry.kernels());
                all.add(new Codes("pca-" + k, encode(projection, train), encode(projection, test), 0));
            }
        }

        Path codesDir = options.out().resolve("codes");
        Files.createDirectories(codesDir);
        AtomicFiles.write(codesDir.resolve("train_labels.npy"), Npy.write(Nd4j.createFromArray(trainLabels)));
        AtomicFiles.write(codesDir.resolve("test_labels.npy"), Npy.write(Nd4j.createFromArray(testLabels)));
        List<String> ids = IntStream.range(0, train.size()).mapToObj(Integer::toString).toList();
        ObjectMapper json = new ObjectMapper();
        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        for (Codes codes : all) {
            AtomicFiles.write(codesDir.resolve(codes.name() + ".train.npy"), Npy.write(codes.train()));
            AtomicFiles.write(codesDir.resolve(codes.name() + ".test.npy"), Npy.write(codes.test()));
            for (Metric metric : Metric.values()) {
                rows.put(codes.name() + "/" + metric.label(), measure(codes, metric, ids, trainLabels, testLabels, codesDir));
            }
        }
        AtomicFiles.write(codesDir.resolve("representations.json"), json.writeValueAsBytes(all.stream().map(Codes::name).toList()));
        for (String line : PythonPeer.run(options.python(), options.reference().resolve("search.py"), List.of("run", codesDir.toString()),
                log, "search")) {
            JsonNode peer = json.readTree(line);
            Map<String, Object> row = rows.get(peer.get("representation").asText() + "/" + peer.get("metric").asText());
            row.put("sklearn_queries_per_second", peer.get("queries_per_second").asDouble());
            row.put("sklearn_precision_at_10", peer.get("precision_at_10").asDouble());
            row.put("sklearn_agreement", peer.path("agreement_with_ae4j").asDouble(Double.NaN));
        }
        StringBuilder jsonl = new StringBuilder();
        for (Map<String, Object> row : rows.values()) {
            jsonl.append(json.writeValueAsString(row)).append('\n');
        }
        AtomicFiles.write(options.out().resolve("search.jsonl"), jsonl.toString().getBytes(StandardCharsets.UTF_8));
        String markdown = report(rows.values(), command, started, options);
        AtomicFiles.write(options.out().resolve("search.md"), markdown.getBytes(StandardCharsets.UTF_8));
        log.accept("search: wrote " + options.out().resolve("search.md"));
        return markdown;
    }

    private Codes variantCodes(String name, Dataset train, Dataset test, Options options) {
        ModelConfig defaults = ModelConfig.defaults(registry.variant(name));
        TrainingConfig training = defaults.training().withEpochs(options.epochs()).withSeed(options.seed());
        ModelConfig config = defaults.withTraining(training);
        Autoencoder model = config.build(train.exampleShape(), registry);
        long start = System.nanoTime();
        new Trainer(training, List.of(new NativeMemoryRelease())).fit(model, config.optimizer().create(registry.kernels()), train);
        double seconds = (System.nanoTime() - start) / 1e9;
        log.accept(String.format(Locale.ROOT, "search: trained %s (%d epochs) in %.1f s", name, options.epochs(), seconds));
        return new Codes(name, encode(model, train), encode(model, test), seconds);
    }

    private static INDArray encode(Autoencoder model, Dataset data) {
        return flat(new FeatureExtractor(model, 1024).features(data).features());
    }

    private static INDArray flat(INDArray features) {
        return features.reshape('c', features.size(0), features.length() / features.size(0)).castTo(DataType.FLOAT).dup('c');
    }

    /** Exact and HNSW search of one representation by one metric. */
    private Map<String, Object> measure(Codes codes, Metric metric, List<String> ids, int[] trainLabels, int[] testLabels, Path dir)
            throws IOException {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("representation", codes.name());
        row.put("metric", metric.label());
        row.put("code_size", codes.train().columns());
        row.put("train_seconds", codes.trainSeconds());
        CodeIndex.Options base = CodeIndex.Options.defaults().withMetric(metric);
        CodeIndex exactIndex = CodeIndex.build(codes.train(), ids, base.withGraph(CodeIndex.Graph.NEVER));
        INDArray queries = codes.test();
        exactIndex.search(queries.get(NDArrayIndex.interval(0, WARM_UP), NDArrayIndex.all()), K, CodeIndex.Mode.EXACT);
        long start = System.nanoTime();
        List<List<Neighbor>> exact = exactIndex.search(queries, K, CodeIndex.Mode.EXACT);
        double exactSeconds = (System.nanoTime() - start) / 1e9;
        row.put("precision_at_10", precision(exact, trainLabels, testLabels));
        row.put("exact_queries_per_second", queries.rows() / exactSeconds);
        int[] found = exact.stream().flatMap(List::stream).mapToInt(Neighbor::row).toArray();
        AtomicFiles.write(dir.resolve(codes.name() + "." + metric.label() + ".ae4j.npy"),
                Npy.write(Nd4j.createFromArray(found).reshape(exact.size(), K)));
        if (codes.train().columns() <= CodeIndex.GRAPH_MAX_DIMENSION) {
            start = System.nanoTime();
            CodeIndex graphIndex = CodeIndex.build(codes.train(), ids, base.withGraph(CodeIndex.Graph.ALWAYS));
            row.put("hnsw_build_seconds", (System.nanoTime() - start) / 1e9);
            graphIndex.search(queries.get(NDArrayIndex.interval(0, WARM_UP), NDArrayIndex.all()), K, CodeIndex.Mode.APPROXIMATE);
            start = System.nanoTime();
            List<List<Neighbor>> approximate = graphIndex.search(queries, K, CodeIndex.Mode.APPROXIMATE);
            row.put("hnsw_queries_per_second", queries.rows() / ((System.nanoTime() - start) / 1e9));
            row.put("hnsw_recall_at_10", recall(exact, approximate));
            row.put("hnsw_precision_at_10", precision(approximate, trainLabels, testLabels));
        }
        log.accept("search: " + row);
        return row;
    }

    static double precision(List<List<Neighbor>> answers, int[] trainLabels, int[] testLabels) {
        long same = 0;
        long total = 0;
        for (int q = 0; q < answers.size(); q++) {
            for (Neighbor n : answers.get(q)) {
                same += trainLabels[n.row()] == testLabels[q] ? 1 : 0;
                total++;
            }
        }
        return (double) same / total;
    }

    static double recall(List<List<Neighbor>> exact, List<List<Neighbor>> approximate) {
        long hit = 0;
        long total = 0;
        for (int q = 0; q < exact.size(); q++) {
            java.util.Set<Integer> truth = new java.util.HashSet<>();
            exact.get(q).forEach(n -> truth.add(n.row()));
            hit += approximate.get(q).stream().filter(n -> truth.contains(n.row())).count();
            total += truth.size();
        }
        return (double) hit / total;
    }

    private static String report(java.util.Collection<Map<String, Object>> rows, String command, String started, Options options) {
        StringBuilder md = new StringBuilder("# Similarity search on Fashion-MNIST\n\n");
        md.append("Command: `").append(command).append("`  \n");
        md.append("Started ").append(started).append("; ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores. The 60,000 training images indexed, the 10,000 test images as queries, k = ").append(K)
                .append(". Variants trained with their defaults for ").append(options.epochs()).append(" epochs (seed ")
                .append(options.seed()).append("); PCA fitted on the training images. Precision@10: the share of a query's ")
                .append("10 neighbours of its class. Exact search: ae4j's `CodeIndex` (gemm + top-k scan) and scikit-learn's ")
                .append("`NearestNeighbors(algorithm=\"brute\", n_jobs=-1)` on the same codes, each after a warm-up of ")
                .append(WARM_UP).append(" queries; \"agree\" is the share of ae4j's neighbours scikit-learn also returns. ")
                .append("HNSW: Apache Lucene's graph (M 16, efConstruction 100, efSearch 100), recall@10 against exact search.\n\n");
        md.append("| codes | size | metric | precision@10 | ae4j exact q/s | scikit-learn q/s | ratio | agree | HNSW build s "
                + "| HNSW q/s | HNSW recall@10 |\n");
        md.append("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map<String, Object> r : rows) {
            double ours = (double) r.get("exact_queries_per_second");
            Object theirs = r.get("sklearn_queries_per_second");
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %.4f | %,.0f | %s | %s | %s | %s | %s | %s |\n", r.get("representation"),
                    r.get("code_size"), r.get("metric"), (double) r.get("precision_at_10"), ours,
                    theirs == null ? "–" : String.format(Locale.ROOT, "%,.0f", (double) theirs),
                    theirs == null ? "–" : String.format(Locale.ROOT, "%.2f×", ours / (double) theirs),
                    format(r.get("sklearn_agreement"), "%.4f"), format(r.get("hnsw_build_seconds"), "%.1f"),
                    format(r.get("hnsw_queries_per_second"), "%,.0f"), format(r.get("hnsw_recall_at_10"), "%.4f")));
        }
        return md.toString();
    }

    private static String format(Object value, String pattern) {
        return value instanceof Double d && !d.isNaN() ? String.format(Locale.ROOT, pattern, d) : "–";
    }
}
