package org.ae4j.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.ae4j.apps.TableImputer;
import org.ae4j.persist.SavedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Fills the missing cells of a table with a model trained on such a table. */
@Command(name = "impute", mixinStandardHelpOptions = true,
        description = {"Fill every missing cell of a table (numbers, categories, booleans) with a model trained on the table "
                + "('ae4j train --data TABLE --mask-cells 0.25' trains one for it), and write the table with its original "
                + "columns, order and scale: observed cells as they were, missing ones filled."})
final class ImputeCommand implements Callable<Integer> {

    @ParentCommand
    Ae4jCommand app;

    @Mixin
    ModelInput io;

    @Option(names = "--out", paramLabel = "CSV", required = true, description = "The filled table.")
    Path out;

    @Option(names = "--report", description = "Print how many cells were filled in each column.")
    boolean report;

    @Option(names = "--max-iterations", paramLabel = "N", defaultValue = "10", description = "The most reconstruct-and-replace "
            + "passes (default: ${DEFAULT-VALUE}).")
    int maxIterations;

    @Option(names = "--tolerance", paramLabel = "T", defaultValue = "0.001", description = "Stop when no filled value moves by more "
            + "than this, in standardised units (default: ${DEFAULT-VALUE}).")
    double tolerance;

    @Override
    public Integer call() throws Exception {
        SavedModel saved = io.load(app);
        TableImputer.Options options = new TableImputer.Options(maxIterations, tolerance, 1024);
        TableImputer.Report done = TableImputer.of(saved).imputeFile(io.input, out, Optional.empty(), options);
        long total = java.util.Arrays.stream(done.filled()).sum();
        app.say(String.format(Locale.ROOT, "filled %,d missing cells in %d pass(es) (last change %.2g); wrote %s", total,
                done.iterations(), done.lastChange(), out));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("filled", total);
        json.put("iterations", done.iterations());
        Map<String, Object> perColumn = new LinkedHashMap<>();
        for (int i = 0; i < done.columns().size(); i++) {
            perColumn.put(done.columns().get(i), done.filled()[i]);
            if (report) {
                app.say(String.format(Locale.ROOT, "  %-24s %,d", done.columns().get(i), done.filled()[i]));
            }
        }
        json.put("columns", perColumn);
        json.put("out", out.toString());
        app.result(json);
        return Cli.OK;
    }
}
