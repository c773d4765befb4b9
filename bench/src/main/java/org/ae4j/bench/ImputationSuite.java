package org.ae4j.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.ae4j.apps.ImputationOptions;
import org.ae4j.apps.TableImputer;
import org.ae4j.config.ModelConfig;
import org.ae4j.data.table.CellMasking;
import org.ae4j.data.table.Table;
import org.ae4j.data.table.TableOptions;
import org.ae4j.data.table.TableReader;
import org.ae4j.model.Autoencoder;
import org.ae4j.persist.AtomicFiles;
import org.ae4j.registry.Registry;
import org.ae4j.train.Trainer;
import org.apiguardian.api.API;

/**
 * {@code ae4j bench --suite imputation}: real tables with 10/30/50 % of their observed cells hidden at random (5 seeded
 * repeats each, made by {@code bench/reference/imputation.py prepare}); on each, ae4j trains {@value #MEMBERS} default
 * table models with seeds apart — {@code vanilla} with its table defaults, {@value #EPOCH_FACTOR}× the epochs — on the
 * incomplete rows with a little cell-masking, fills the holes with {@link TableImputer} averaging them, and writes {@code ae4j.csv} with its seconds; the Python peer then imputes with the column
 * mean/mode, scikit-learn's KNNImputer and IterativeImputer, and scores every method against the original table
 * ({@code run}), and the report is written ({@code report}).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class ImputationSuite {

    /**
     * The share of observed cells cell-masking hides during training: small, because the table's own holes already
     * teach the model to fill cells (measured at 30 % missing, RMSE on Satellite 0.263 without cell-masking, 0.267 at
     * 0.05, 0.286 at 0.1, 0.43 at 0.25; WDBC 0.553, 0.548, 0.548, 0.63).
     */
    public static final double MASKED_FRACTION = 0.05;

    /** Training runs this many times the table defaults' epochs: filling holes keeps improving after reconstruction has settled. */
    public static final int EPOCH_FACTOR = 3;

    /**
     * Models trained per table, with seeds apart, whose fills {@link TableImputer} averages (measured at 30 % missing:
     * mean RMSE 0.719 with one model, 0.679 with three).
     */
    public static final int MEMBERS = 3;

    private final Registry registry;
    private final Consumer<String> log;
    private final int members;

    /** The suite with {@value #MEMBERS} members per table. */
    public ImputationSuite(Registry registry, Consumer<String> log) {
        this(registry, log, MEMBERS);
    }

    /** The suite with {@code members} models per table (1 for a single model). */
    public ImputationSuite(Registry registry, Consumer<String> log, int members) {
        if (members < 1) {
            throw new IllegalArgumentException("members must be >= 1, got " + members);
        }
        this.registry = registry;
        this.log = log;
        this.members = members;
    }

    /** Prepares the sets (once), imputes each with ae4j, runs the peers; returns the report's markdown. */
    public String run(TableSuiteOptions options, String command) throws IOException, InterruptedException {
        Path sets = options.out().resolve("sets");
        Path script = options.reference().resolve("imputation.py");
        if (!Files.isDirectory(sets)) {
            PythonPeer.run(options.python(), script, List.of("prepare", options.mlbench().toString(), sets.toString()), log, "imputation");
        }
        List<Path> masked;
        try (Stream<Path> walk = Files.walk(sets)) {
            masked = walk.filter(p -> p.getFileName().toString().equals("masked.csv")).sorted().toList();
        }
        for (Path file : masked) {
            impute(file);
        }
        List<String> lines = PythonPeer.run(options.python(), script, List.of("run", sets.toString()), log, "imputation");
        Path results = options.out().resolve("imputation.jsonl");
        AtomicFiles.write(results, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        PythonPeer.run(options.python(), script, List.of("report", results.toString(), options.out().resolve("imputation.md").toString(),
                command), log, "imputation");
        return Files.readString(options.out().resolve("imputation.md"));
    }

    /** Trains on one masked table and writes its filled copy, {@code ae4j.csv}, and the seconds, {@code ae4j.json}. */
    void impute(Path masked) throws IOException {
        long start = System.nanoTime();
        long seed = Long.parseLong(masked.getParent().getFileName().toString().substring(1));
        Table table = TableReader.fit(masked, TableOptions.defaults(), 0, seed).train();
        ModelConfig defaults = ModelConfig.defaults(registry.variant("vanilla"))
                .forTable(table.data().exampleLength(), table.data().size())
                .withCorruption(CellMasking.forSchema(table.schema(), MASKED_FRACTION));
        List<Autoencoder> models = new java.util.ArrayList<>();
        for (int m = 0; m < members; m++) {
            ModelConfig config = defaults.withTraining(defaults.training().withSeed(seed + 7919L * m)
                    .withEpochs(defaults.training().epochs() * EPOCH_FACTOR));
            Autoencoder model = config.build(table.data().exampleShape(), registry);
            new Trainer(config.training()).fit(model, config.optimizer().create(model.kernels()), table.data());
            models.add(model);
        }
        TableImputer.Report report = new TableImputer(models, table.schema())
                .imputeFile(masked, masked.resolveSibling("ae4j.csv"), Optional.empty(), ImputationOptions.defaults());
        double seconds = (System.nanoTime() - start) / 1e9;
        AtomicFiles.write(masked.resolveSibling("ae4j.json"), String.format(Locale.ROOT, "{\"seconds\": %.3f, \"iterations\": %d}%n",
                seconds, report.iterations()).getBytes(StandardCharsets.UTF_8));
        log.accept(String.format(Locale.ROOT, "imputation: %s: %,d cells filled in %.1f s", masked.getParent(),
                java.util.Arrays.stream(report.filled()).sum(), seconds));
    }
}
