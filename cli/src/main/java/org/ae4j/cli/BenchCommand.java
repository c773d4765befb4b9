package org.ae4j.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.ae4j.bench.BenchOptions;
import org.ae4j.bench.BenchReport;
import org.ae4j.bench.BenchRunner;
import org.ae4j.bench.ModelResult;
import org.ae4j.bench.VsPytorch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** The comparative benchmark: every variant and a PCA baseline, side by side. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Train every selected variant (default: every discovered one) and a PCA baseline of the same code size "
                + "on the same data, split and seed; write results.json, results.csv, report.md and PNG figures.",
                "--quick: the embedded sample, a step budget per model, 2 anomaly classes.",
                "--vs-pytorch: train each variant with ae4j and with its PyTorch reference script (bench/reference/), "
                        + "alternately, and write vs-pytorch.md/.json with the throughput ratios and both test losses."})
final class BenchCommand implements Callable<Integer> {

    @ParentCommand
    Ae4jCommand app;

    @Option(names = "--data", paramLabel = "DIR", description = "Directory with Fashion-MNIST-format IDX files (default: the embedded sample).")
    Path data;

    @Option(names = "--variants", paramLabel = "a,b,…", split = ",", description = "Variants to run (default: all discovered).")
    List<String> variants;

    @Option(names = "--steps", paramLabel = "N", description = "A budget of optimizer steps per model, in batches of up to "
            + BenchOptions.BUDGET_BATCH + " examples, with a one-cycle learning rate "
            + "(10%% warm-up to 10x the variant's, linear decay) and early stopping on 10%% held out (default with --quick: "
            + BenchOptions.QUICK_STEPS + ").")
    Integer steps;

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs per model (default: 5; with --quick a step budget instead).")
    Integer epochs;

    @Option(names = "--classes", paramLabel = "N", description = "Classes of the one-class AUROC protocol (default: 10; 2 with --quick).")
    Integer classes;

    @Option(names = "--quick", description = "Embedded sample, a budget of " + BenchOptions.QUICK_STEPS + " steps of up to "
            + BenchOptions.BUDGET_BATCH + " examples per model with early stopping, 2 anomaly classes.")
    boolean quick;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "12345", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "bench-results", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--vs-pytorch", description = "Compare with the PyTorch reference scripts instead (needs --data and python3 with torch).")
    boolean vsPytorch;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "2", description = "--vs-pytorch: rounds per variant, alternating who runs first (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--python", paramLabel = "EXE", defaultValue = "/usr/bin/python3", description = "--vs-pytorch: Python with torch (default: ${DEFAULT-VALUE}).")
    String python;

    @Option(names = "--reference", paramLabel = "DIR", defaultValue = "bench/reference", description = "--vs-pytorch: the reference scripts (default: ${DEFAULT-VALUE}).")
    Path reference;

    @Option(names = "--torch-threads", paramLabel = "N", defaultValue = "0", description = "--vs-pytorch: torch intra-op threads "
            + "(default: 0, each variant's faster setting: the number of cores for conv, 1 for the dense variants).")
    int torchThreads;

    @Option(names = "--openblas-threads", paramLabel = "N", defaultValue = "0", description = "--vs-pytorch: OPENBLAS_NUM_THREADS of the "
            + "reference (default: 0, each variant's faster setting: 1 for conv, the number of cores for the dense variants).")
    int openblasThreads;

    @Option(names = "--workers", paramLabel = "N", description = "--vs-pytorch: ae4j's data-parallel workers (default: the number of cores).")
    Integer workers;

    @Option(names = "--unpaired", description = "--vs-pytorch: let PyTorch draw its own initial parameters and example order "
            + "(default: it starts from ae4j's and visits the training images in ae4j's order).")
    boolean unpaired;

    @Option(names = "--suite", paramLabel = "NAME", description = "tabular: anomaly detection on UCI tables against scikit-learn; imputation: filling hidden cells of UCI tables against scikit-learn's imputers "
            + "(--data: the CSV folder of scripts/mlbench-tables.sh; needs python3 with scikit-learn and pandas); search: "
            + "nearest-neighbour search on Fashion-MNIST (--data: its IDX folder) in pixels, PCA and each variant's codes, "
            + "exact and HNSW, against scikit-learn's brute-force NearestNeighbors.")
    String suite;

    @Option(names = "--members", paramLabel = "N", defaultValue = "3", description = "--suite imputation: models trained per "
            + "table with other seeds, their fills averaged (default: ${DEFAULT-VALUE}).")
    int members;

    @Override
    public Integer call() throws Exception {
        if (suite != null) {
            return runSuite();
        }
        if (vsPytorch) {
            return comparePytorch();
        }
        if (quick && data != null) {
            throw new IllegalArgumentException("--quick runs on the embedded sample; leave out --data");
        }
        if (steps != null && epochs != null) {
            throw new IllegalArgumentException("--steps and --epochs exclude each other: a step budget sets the epochs");
        }
        int budget = steps != null ? steps : quick && epochs == null ? BenchOptions.QUICK_STEPS : 0;
        BenchOptions options = new BenchOptions(Optional.ofNullable(data), variants == null ? List.of() : variants,
                epochs != null ? epochs : 5, budget, classes != null ? classes : quick ? 2 : 10, quick ? 150 : 300, seed, out);
        String command = "ae4j bench" + (quick ? " --quick" : "") + (data != null ? " --data " + data : "")
                + (variants != null ? " --variants " + String.join(",", variants) : "") + (epochs != null ? " --epochs " + epochs : "")
                + (steps != null ? " --steps " + steps : "")
                + (classes != null ? " --classes " + classes : "") + " --seed " + seed + " --out " + out;
        BenchReport report = new BenchRunner(app.registry(), app.err::println).run(options, command);
        app.say(new String(java.nio.file.Files.readAllBytes(out.resolve("report.md")), java.nio.charset.StandardCharsets.UTF_8)
                .lines().filter(l -> l.startsWith("|")).reduce((a, b) -> a + "\n" + b).orElse(""));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("out", out.toString());
        json.put("models", report.results().stream().map(ModelResult::model).toList());
        Map<String, Object> mse = new LinkedHashMap<>();
        report.results().forEach(r -> mse.put(r.model(), Ae4jCommand.number(r.testMse())));
        json.put("test_mse", mse);
        app.result(json);
        return Cli.OK;
    }

    private Integer runSuite() throws Exception {
        if (!List.of("tabular", "imputation", "search").contains(suite)) {
            throw new IllegalArgumentException("unknown suite '" + suite + "'; known: tabular, imputation, search");
        }
        if (suite.equals("search")) {
            return runSearchSuite();
        }
        if (data == null) {
            throw new IllegalArgumentException("--suite " + suite + " needs --data DIR: the UCI tables as CSV (scripts/mlbench-tables.sh DIR)");
        }
        String command = "ae4j bench --suite " + suite + " --data " + data + " --out " + out
                + (suite.equals("imputation") ? " --members " + members : "");
        var options = new org.ae4j.bench.TableSuiteOptions(data, python, reference, out);
        String markdown = suite.equals("tabular") ? new org.ae4j.bench.TabularReport(app.registry(), app.err::println).run(options, command)
                : new org.ae4j.bench.ImputationSuite(app.registry(), app.err::println, members).run(options, command);
        app.say(markdown);
        app.result(Map.of("out", out.toString(), "report", out.resolve(suite + ".md").toString()));
        return Cli.OK;
    }

    private Integer runSearchSuite() throws Exception {
        Path fashion = data != null ? data : org.ae4j.data.FashionMnist.locate().orElseThrow(() -> new IllegalArgumentException(
                "--suite search needs --data DIR: the full Fashion-MNIST IDX files (Debian: dataset-fashion-mnist)"));
        int n = epochs != null ? epochs : 20;
        String command = "ae4j bench --suite search --data " + fashion + (variants != null ? " --variants " + String.join(",", variants) : "")
                + " --epochs " + n + " --seed " + seed + " --out " + out;
        var options = new org.ae4j.bench.SearchSuite.Options(fashion, variants == null ? List.of() : variants, n, seed, python, reference, out);
        String markdown = new org.ae4j.bench.SearchSuite(app.registry(), app.err::println).run(options, command);
        app.say(markdown);
        app.result(Map.of("out", out.toString(), "report", out.resolve("search.md").toString()));
        return Cli.OK;
    }

    private Integer comparePytorch() throws Exception {
        if (data == null || quick) {
            throw new IllegalArgumentException("--vs-pytorch needs --data DIR (the full Fashion-MNIST) and no --quick");
        }
        int lanes = workers != null ? workers : Runtime.getRuntime().availableProcessors();
        var options = new VsPytorch.Options(data, variants == null ? List.of() : variants, epochs != null ? epochs : 5, rounds, seed,
                python, reference, torchThreads, openblasThreads, !unpaired, lanes, out);
        String command = "ae4j bench --vs-pytorch --data " + data + (variants != null ? " --variants " + String.join(",", variants) : "")
                + " --epochs " + options.epochs() + " --rounds " + rounds + " --seed " + seed + " --torch-threads " + torchThreads
                + " --openblas-threads " + openblasThreads + " --workers " + lanes + (unpaired ? " --unpaired" : "") + " --out " + out;
        List<VsPytorch.Row> rows = new VsPytorch(app.registry(), app.err::println).run(options, command);
        app.say(java.nio.file.Files.readString(out.resolve("vs-pytorch.md")));
        Map<String, Object> json = new LinkedHashMap<>();
        rows.forEach(r -> json.put(r.variant(), Map.of("train_ratio", Ae4jCommand.number(r.trainRatio()),
                "infer_ratio", Ae4jCommand.number(r.inferRatio()), "loss_ratio", Ae4jCommand.number(r.lossRatio()))));
        app.result(json);
        return Cli.OK;
    }
}
