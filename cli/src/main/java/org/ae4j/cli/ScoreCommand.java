package org.ae4j.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.ae4j.apps.AnomalyScorer;
import org.ae4j.apps.ColumnContributions;
import org.ae4j.apps.StreamingDetector;
import org.ae4j.data.Dataset;
import org.ae4j.data.table.Table;
import org.ae4j.persist.AtomicFiles;
import org.ae4j.persist.SavedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Writes each input example's anomaly score, its flag against the model's threshold and, for tables, why. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = {"Write each example's anomaly score — its reconstruction error, higher is more unusual — as CSV.",
                "Columns: the row's id (a table's identifier column) or index, score, is_anomaly (score above the threshold "
                        + "calibrated at training, or --threshold) and, for a model trained on a table, top_columns: the columns "
                        + "with the largest shares of the row's error (column:share;…)."})
final class ScoreCommand implements Callable<Integer> {

    @ParentCommand
    Ae4jCommand app;

    @Mixin
    ModelInput io;

    @Option(names = "--out", paramLabel = "CSV", description = "Output file (required, but with --follow, which writes to "
            + "standard output by default).")
    Path out;

    @Option(names = "--follow", description = "Score a stream of table rows: CSV lines after a header line, or JSON Lines, from "
            + "standard input (--input -) or from a file being appended to (--input FILE), one result line per row (row or id, score, "
            + "is_anomaly, adaptive_threshold, is_adaptive_anomaly, top_columns), flushed as rows arrive; drifts of the score "
            + "distribution are reported on standard error.")
    boolean follow;

    @Option(names = "--window", paramLabel = "ROWS", defaultValue = "10000", description = "--follow: rows per window of the "
            + "adaptive threshold and the drift check (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--warm-up", paramLabel = "ROWS", defaultValue = "1000", description = "--follow: rows before the first "
            + "adaptive threshold (default: ${DEFAULT-VALUE}).")
    int warmUp;

    @Option(names = "--adaptive-fpr", paramLabel = "P", defaultValue = "0.01", description = "--follow: the share of recent rows "
            + "the adaptive threshold flags (default: ${DEFAULT-VALUE}).")
    double adaptiveFpr;

    @Option(names = "--drift-psi", paramLabel = "PSI", defaultValue = "0.25", description = "--follow: report a drift when a "
            + "window's scores differ from the reference window's by more than this population stability index "
            + "(default: ${DEFAULT-VALUE}).")
    double driftPsi;

    @Option(names = "--idle-exit", paramLabel = "SECONDS", description = "--follow on a file: stop after this long without a new "
            + "row (default: follow until stopped).")
    Double idleExit;

    @Option(names = "--threshold", paramLabel = "SCORE", description = "Flag rows scoring above this instead of the model's "
            + "calibrated threshold.")
    Double threshold;

    @Option(names = "--top", paramLabel = "N", description = "Tables: how many contributing columns to list (default: 3; with "
            + "--follow 0, as explaining a row costs one more pass of the model per column; 0 for none).")
    Integer topOption;

    /** The contributing columns to list: {@code --top}, else 3 (0 with --follow). */
    private int top() {
        int top = topOption != null ? topOption : follow ? 0 : 3;
        if (top < 0) {
            throw new IllegalArgumentException("--top must be >= 0, got " + top);
        }
        return top;
    }

    @Override
    public Integer call() throws Exception {
        if (follow) {
            return follow();
        }
        if (out == null) {
            throw new IllegalArgumentException("Missing required option: '--out=CSV' (or --follow to score a stream)");
        }
        SavedModel saved = io.load(app);
        int top = top();
        Optional<Table> table = saved.table().isPresent() ? Optional.of(io.table(saved)) : Optional.empty();
        Dataset examples = table.isPresent() ? table.get().data() : io.examples(saved);
        double[] scores = AnomalyScorer.reconstructionError(saved.model()).scores(examples);
        Optional<Double> cut = threshold != null ? Optional.of(threshold) : saved.threshold().map(t -> t.threshold());
        ColumnContributions contributions = table.isPresent() && top > 0 ? new ColumnContributions(saved.model(), saved.table().get()) : null;
        double[][] shares = contributions == null ? null : contributions.shares(examples, 256);
        List<String> ids = table.map(Table::ids).orElse(List.of());
        StringBuilder csv = new StringBuilder(ids.isEmpty() ? "index" : CsvText.quote(idColumn(saved)));
        csv.append(",score").append(cut.isPresent() ? ",is_anomaly" : "").append(shares != null ? ",top_columns" : "").append('\n');
        int flagged = 0;
        double sum = 0;
        for (int i = 0; i < scores.length; i++) {
            csv.append(ids.isEmpty() ? String.valueOf(i) : CsvText.quote(ids.get(i))).append(',').append(scores[i]);
            if (cut.isPresent()) {
                boolean anomaly = scores[i] > cut.get();
                flagged += anomaly ? 1 : 0;
                csv.append(',').append(anomaly);
            }
            if (shares != null) {
                csv.append(',').append(CsvText.quote(contributions.top(shares[i], top).entrySet().stream()
                        .map(e -> e.getKey() + ":" + String.format(Locale.ROOT, "%.3f", e.getValue())).collect(Collectors.joining(";"))));
            }
            csv.append('\n');
            sum += scores[i];
        }
        AtomicFiles.write(out, csv.toString().getBytes(StandardCharsets.UTF_8));
        app.say("wrote " + scores.length + " scores (" + saved.model().loss().name() + " per example) to " + out
                + (cut.isPresent() ? String.format(Locale.ROOT, "; %,d above the threshold %.6g (%.1f%%)", flagged, cut.get(),
                100.0 * flagged / scores.length) : ""));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("samples", scores.length);
        json.put("mean_score", Ae4jCommand.number(sum / scores.length));
        cut.ifPresent(c -> json.put("threshold", Ae4jCommand.number(c)));
        if (cut.isPresent()) {
            json.put("anomalies", flagged);
        }
        json.put("out", out.toString());
        app.result(json);
        return Cli.OK;
    }

    private Integer follow() throws Exception {
        if (idleExit != null && !(idleExit >= 0)) {
            throw new IllegalArgumentException("--idle-exit must be >= 0 seconds, got " + idleExit);
        }
        boolean stdin = io.input.toString().equals("-");
        if (!stdin && !java.nio.file.Files.isRegularFile(io.input)) {
            throw new IllegalArgumentException("no such file: " + io.input + " (--follow reads a file being appended to, or - for "
                    + "standard input)");
        }
        StreamingDetector.Options options = new StreamingDetector.Options(window, warmUp, adaptiveFpr, driftPsi);
        SavedModel saved = io.load(app);
        java.util.OptionalDouble cut = threshold != null ? java.util.OptionalDouble.of(threshold)
                : saved.threshold().map(t -> java.util.OptionalDouble.of(t.threshold())).orElse(java.util.OptionalDouble.empty());
        java.io.Writer writer = out == null ? new java.io.OutputStreamWriter(app.out, StandardCharsets.UTF_8)
                : java.nio.file.Files.newBufferedWriter(out, StandardCharsets.UTF_8);
        FollowScoring scoring = new FollowScoring(saved, cut, options, top(), writer, app.err);
        try (FollowScoring.Lines lines = stdin ? FollowScoring.Lines.of(System.in)
                : FollowScoring.Lines.following(io.input, idleExit == null ? -1 : idleExit)) {
            scoring.run(lines, stdin ? "standard input" : io.input.toString());
        } finally {
            writer.flush();
            if (out != null) {
                writer.close();
            }
        }
        app.err.println(String.format(Locale.ROOT, "ae4j score: %,d rows scored, %d drift%s reported", scoring.rows(), scoring.drifts(),
                scoring.drifts() == 1 ? "" : "s"));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("samples", scoring.rows());
        json.put("drifts", scoring.drifts());
        app.result(json);
        return Cli.OK;
    }

    private static String idColumn(SavedModel saved) {
        return saved.table().orElseThrow().dropped().stream().filter(c -> c.kind() == org.ae4j.data.table.ColumnKind.IDENTIFIER)
                .map(c -> c.name()).findFirst().orElse("index");
    }
}
