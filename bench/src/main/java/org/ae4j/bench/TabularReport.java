package org.ae4j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.ae4j.persist.AtomicFiles;
import org.ae4j.registry.Registry;
import org.apiguardian.api.API;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * {@code ae4j bench --suite tabular}: builds the anomaly sets and their splits with the Python peer
 * ({@code bench/reference/tabular_anomaly.py prepare}), runs ae4j's default detector and PCA on them
 * ({@link TabularSuite}), then scikit-learn's IsolationForest, LocalOutlierFactor and OneClassSVM on the same
 * splits in the same run ({@code … run}), and writes {@code tabular.md} (mean ± s.d. per set, and the means over
 * the sets) and {@code tabular.json} (every split).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class TabularReport {

    private final Registry registry;
    private final Consumer<String> log;

    public TabularReport(Registry registry, Consumer<String> log) {
        this.registry = registry;
        this.log = log;
    }

    /** Runs everything; returns the report's Markdown. */
    public String run(TableSuiteOptions options, String command) throws IOException, InterruptedException {
        Path sets = options.out().resolve("sets");
        Files.createDirectories(sets);
        python(options, List.of("prepare", "--mlbench", options.mlbench().toString(), "--sets", sets.toString()));
        List<TabularSuite.Result> results = new ArrayList<>(new TabularSuite(registry).run(sets, log));
        ObjectMapper json = new ObjectMapper();
        for (String line : python(options, List.of("run", "--sets", sets.toString()))) {
            JsonNode r = json.readTree(line);
            results.add(new TabularSuite.Result(r.get("set").asText(), r.get("seed").asInt(), "scikit-learn " + r.get("detector").asText(),
                    r.get("roc_auc").asDouble(), r.get("pr_auc").asDouble(), r.get("fit_seconds").asDouble(), r.get("score_seconds").asDouble()));
        }
        String markdown = markdown(results, command);
        AtomicFiles.write(options.out().resolve("tabular.md"), markdown.getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(options.out().resolve("tabular.json"), json.writerWithDefaultPrettyPrinter().writeValueAsBytes(results));
        AtomicFiles.write(options.out().resolve("tabular.png"), figure(results));
        return markdown;
    }

    /** Mean ROC-AUC per set, one bar per detector, as a PNG. */
    static byte[] figure(List<TabularSuite.Result> results) throws IOException {
        List<String> sets = results.stream().map(TabularSuite.Result::set).distinct().sorted().toList();
        CategoryChart chart = new CategoryChartBuilder().width(1150).height(520).title("Mean ROC-AUC over 5 splits (higher is better)")
                .xAxisTitle("set").yAxisTitle("ROC-AUC").build();
        chart.getStyler().setYAxisMin(0.4).setYAxisMax(1.0).setLegendPosition(Styler.LegendPosition.OutsideS)
                .setLegendLayout(Styler.LegendLayout.Horizontal);
        results.stream().map(TabularSuite.Result::detector).distinct().sorted().forEach(detector -> {
            List<Double> means = sets.stream().map(set -> results.stream().filter(r -> r.detector().equals(detector) && r.set().equals(set))
                    .mapToDouble(TabularSuite.Result::rocAuc).average().orElse(0)).toList();
            chart.addSeries(detector, sets, means);
        });
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }

    /** Redraws the figure from a {@code tabular.json} of an earlier run: {@code TabularReport FILE.json OUT.png}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: TabularReport tabular.json tabular.png");
        }
        List<TabularSuite.Result> results = List.of(new ObjectMapper().readValue(Path.of(args[0]).toFile(), TabularSuite.Result[].class));
        AtomicFiles.write(Path.of(args[1]), figure(results));
    }

    private List<String> python(TableSuiteOptions options, List<String> arguments) throws IOException, InterruptedException {
        return PythonPeer.run(options.python(), options.reference().resolve("tabular_anomaly.py"), arguments, log, "tabular");
    }

    static String markdown(List<TabularSuite.Result> results, String command) {
        TreeSet<String> sets = new TreeSet<>();
        Map<String, Map<String, List<TabularSuite.Result>>> byDetector = new TreeMap<>();
        for (TabularSuite.Result r : results) {
            sets.add(r.set());
            byDetector.computeIfAbsent(r.detector(), k -> new TreeMap<>()).computeIfAbsent(r.set(), k -> new ArrayList<>()).add(r);
        }
        StringBuilder md = new StringBuilder("# Anomaly detection on tables\n\nCommand: `" + command + "`  \n");
        md.append("Five seeded stratified 60/40 splits per set; every detector fits unsupervised on the training part (outliers "
                + "included, labels unused) and scores the test part. Mean ± standard deviation over the splits.\n");
        for (String metric : List.of("ROC-AUC", "PR-AUC (average precision)")) {
            md.append("\n## ").append(metric).append("\n\n| detector | ").append(String.join(" | ", sets)).append(" | mean |\n|---|");
            md.append("---:|".repeat(sets.size() + 1)).append('\n');
            byDetector.forEach((detector, perSet) -> {
                md.append("| ").append(detector);
                double mean = 0;
                for (String set : sets) {
                    double[] v = perSet.getOrDefault(set, List.of()).stream().mapToDouble(r -> metric.startsWith("ROC") ? r.rocAuc() : r.prAuc())
                            .toArray();
                    double m = java.util.Arrays.stream(v).average().orElse(Double.NaN);
                    double sd = Math.sqrt(java.util.Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / Math.max(1, v.length - 1));
                    mean += m / sets.size();
                    md.append(String.format(Locale.ROOT, " | %.3f ± %.3f", m, sd));
                }
                md.append(String.format(Locale.ROOT, " | **%.4f** |%n", mean));
            });
        }
        md.append("\n## Seconds per split (fit, score), mean over the splits\n\n| detector | ").append(String.join(" | ", sets))
                .append(" |\n|---|").append("---:|".repeat(sets.size())).append('\n');
        byDetector.forEach((detector, perSet) -> {
            md.append("| ").append(detector);
            for (String set : sets) {
                List<TabularSuite.Result> v = perSet.getOrDefault(set, List.of());
                md.append(String.format(Locale.ROOT, " | %.2f, %.3f", v.stream().mapToDouble(TabularSuite.Result::fitSeconds).average().orElse(0),
                        v.stream().mapToDouble(TabularSuite.Result::scoreSeconds).average().orElse(0)));
            }
            md.append(" |\n");
        });
        return md.toString();
    }
}
