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
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** The comparative benchmark: every variant and a PCA baseline, side by side. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Train every selected variant (default: every discovered one) and a PCA baseline of the same code size "
                + "on the same data, split and seed; write results.json, results.csv, report.md and PNG figures.",
                "--quick: the embedded sample, 2 epochs, 2 anomaly classes."})
final class BenchCommand implements Callable<Integer> {

    @ParentCommand
    Ae4jCommand app;

    @Option(names = "--data", paramLabel = "DIR", description = "Directory with Fashion-MNIST-format IDX files (default: the embedded sample).")
    Path data;

    @Option(names = "--variants", paramLabel = "a,b,…", split = ",", description = "Variants to run (default: all discovered).")
    List<String> variants;

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs per model (default: 5; 2 with --quick).")
    Integer epochs;

    @Option(names = "--classes", paramLabel = "N", description = "Classes of the one-class AUROC protocol (default: 10; 2 with --quick).")
    Integer classes;

    @Option(names = "--quick", description = "Embedded sample, 2 epochs, 2 anomaly classes.")
    boolean quick;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "12345", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "bench-results", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (quick && data != null) {
            throw new IllegalArgumentException("--quick runs on the embedded sample; leave out --data");
        }
        BenchOptions options = new BenchOptions(Optional.ofNullable(data), variants == null ? List.of() : variants,
                epochs != null ? epochs : quick ? 2 : 5, classes != null ? classes : quick ? 2 : 10, quick ? 150 : 300, seed, out);
        String command = "ae4j bench" + (quick ? " --quick" : "") + (data != null ? " --data " + data : "")
                + (variants != null ? " --variants " + String.join(",", variants) : "") + (epochs != null ? " --epochs " + epochs : "")
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
}
