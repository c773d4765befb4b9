package org.ae4j.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ae4j.apps.FeatureExtractor;
import org.ae4j.apps.Pca;
import org.ae4j.data.Dataset;
import org.ae4j.data.FashionMnist;
import org.ae4j.model.Autoencoder;
import org.ae4j.persist.AtomicFiles;
import org.apiguardian.api.API;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Writes a benchmark's files: {@code results.json}, {@code results.csv}, {@code report.md} and the
 * figures — loss curves of every model, a reconstruction grid per model (the same test images), a 2-D
 * scatter of each model's test codes (their first two principal components) coloured by class, and
 * VAE samples. Every file is written atomically.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ReportWriter {

    private static final int GRID = 12;
    private static final int SCATTER = 2000;

    private final Path out;
    private final List<String> figures = new ArrayList<>();

    /** A metric that does not apply ({@code NaN}) is {@code null} in JSON, not the string {@code "NaN"}. */
    private static final com.fasterxml.jackson.databind.module.SimpleModule NON_FINITE_AS_NULL = nonFiniteAsNull();

    private static com.fasterxml.jackson.databind.module.SimpleModule nonFiniteAsNull() {
        var serializer = new com.fasterxml.jackson.databind.ser.std.StdSerializer<Double>(Double.class) {
            @Override
            public void serialize(Double value, com.fasterxml.jackson.core.JsonGenerator gen,
                                  com.fasterxml.jackson.databind.SerializerProvider provider) throws IOException {
                if (value == null || !Double.isFinite(value)) {
                    gen.writeNull();
                } else {
                    gen.writeNumber(value);
                }
            }
        };
        return new com.fasterxml.jackson.databind.module.SimpleModule("non-finite-as-null")
                .addSerializer(Double.class, serializer).addSerializer(Double.TYPE, serializer);
    }

    public ReportWriter(Path out) throws IOException {
        this.out = out;
        Files.createDirectories(out);
    }

    /** The reconstruction grid and the latent scatter of one model. */
    void figures(String name, Autoencoder model, Dataset test) throws IOException {
        int side = ImageGrid.side(model.inputShape());
        INDArray first = test.features().get(NDArrayIndex.interval(0, GRID));
        INDArray grid = Nd4j.vstack(first.reshape('c', GRID, (long) side * side),
                model.reconstruct(first).reshape('c', GRID, (long) side * side));
        write("reconstructions-" + name + ".png", ImageGrid.png(grid, side, GRID, 2));

        Dataset sample = test.slice(0, Math.min(SCATTER, test.size()));
        Dataset codes = new FeatureExtractor(model, 256).features(sample);
        double[][] xy;
        if (codes.exampleLength() >= 2) {
            xy = Pca.fitLeading(codes, 2, 1).autoencoder(2, model.kernels()).encode(codes.features().castTo(DataType.FLOAT)).castTo(DataType.DOUBLE)
                    .toDoubleMatrix();
        } else {
            xy = codes.features().castTo(DataType.DOUBLE).toDoubleMatrix();
        }
        int[] labels = sample.labels().orElseThrow();
        XYChart chart = new XYChartBuilder().width(720).height(560).title(name + ": test codes, first two principal components")
                .xAxisTitle("PC 1").yAxisTitle("PC 2").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(4);
        for (int c = 0; c < FashionMnist.CLASSES.size(); c++) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == c) {
                    x.add(xy[i][0]);
                    y.add(xy[i].length > 1 ? xy[i][1] : 0.0);
                }
            }
            if (!x.isEmpty()) {
                chart.addSeries(FashionMnist.CLASSES.get(c), x, y).setMarker(SeriesMarkers.CIRCLE);
            }
        }
        write("latent-" + name + ".png", BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    }

    /** A grid of a generative model's samples. */
    void samples(String name, INDArray samples, Dataset test) throws IOException {
        int side = (int) Math.round(Math.sqrt(samples.size(1)));
        write("samples-" + name + ".png", ImageGrid.png(samples, side, 8, 2));
    }

    /** The tables and the loss-curve chart. */
    void write(BenchReport report) throws IOException {
        XYChart chart = new XYChartBuilder().width(800).height(560).title("training loss relative to epoch 1")
                .xAxisTitle("epoch").yAxisTitle("loss / loss of epoch 1").build();
        for (ModelResult r : report.results()) {
            if (r.trainLoss().size() >= 1) {
                List<Double> epochs = new ArrayList<>();
                List<Double> relative = new ArrayList<>();
                for (int i = 0; i < r.trainLoss().size(); i++) {
                    epochs.add(i + 1.0);
                    relative.add(r.trainLoss().get(i) / r.trainLoss().get(0));
                }
                chart.addSeries(r.model(), epochs, relative);
            }
        }
        if (!chart.getSeriesMap().isEmpty()) {
            write("loss-curves.png", BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
        }
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).registerModule(NON_FINITE_AS_NULL);
        write("results.json", json.writeValueAsBytes(report));
        write("results.csv", csv(report).getBytes(StandardCharsets.UTF_8));
        write("report.md", markdown(report).getBytes(StandardCharsets.UTF_8));
    }

    private void write(String file, byte[] bytes) throws IOException {
        AtomicFiles.write(out.resolve(file), bytes);
        if (file.endsWith(".png") && !figures.contains(file)) {
            figures.add(file);
        }
    }

    static String csv(BenchReport report) {
        StringBuilder s = new StringBuilder("model,code_size,test_mse,pca_mse_same_code,test_bce,test_neg_elbo,probe_accuracy,"
                + "mean_auroc,train_samples_per_sec,inference_samples_per_sec,train_seconds,peak_heap_mb,peak_resident_mb\n");
        for (ModelResult r : report.results()) {
            s.append(String.join(",", r.model(), Long.toString(r.codeSize()), num(r.testMse()), num(r.pcaMseAtSameCode()),
                    num(r.testBce()), num(r.testNegElbo()), num(r.probeAccuracy()), num(r.meanAuroc()),
                    num(r.trainSamplesPerSecond()), num(r.inferenceSamplesPerSec()), num(r.trainSeconds()), num(r.peakHeapMb()),
                    num(r.peakResidentMb()))).append('\n');
        }
        return s.toString();
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    private static String cell(double v, String format) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, format, v);
    }

    String markdown(BenchReport report) {
        StringBuilder s = new StringBuilder("# ae4j benchmark\n\n");
        s.append("- command: `").append(report.command()).append("`\n");
        s.append("- machine: ").append(report.machine()).append('\n');
        s.append("- data: ").append(report.data()).append('\n');
        s.append("- training per model: ").append(report.training()).append("; started ").append(report.date()).append("\n\n");
        s.append("| model | code | test MSE | PCA MSE, same code | test BCE | −ELBO (nats) | probe acc. | AUROC | train samples/s "
                + "| infer samples/s | train s | peak heap MB | peak RSS MB |\n");
        s.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (ModelResult r : report.results()) {
            s.append("| ").append(r.model()).append(" | ").append(r.codeSize()).append(" | ")
                    .append(cell(r.testMse(), "%.5f")).append(" | ").append(cell(r.pcaMseAtSameCode(), "%.5f")).append(" | ")
                    .append(cell(r.testBce(), "%.4f")).append(" | ").append(cell(r.testNegElbo(), "%.2f")).append(" | ")
                    .append(cell(r.probeAccuracy(), "%.3f")).append(" | ").append(cell(r.meanAuroc(), "%.3f")).append(" | ")
                    .append(cell(r.trainSamplesPerSecond(), "%,.0f")).append(" | ").append(cell(r.inferenceSamplesPerSec(), "%,.0f"))
                    .append(" | ").append(cell(r.trainSeconds(), "%.1f")).append(" | ").append(cell(r.peakHeapMb(), "%.0f"))
                    .append(" | ").append(cell(r.peakResidentMb(), "%.0f")).append(" |\n");
        }
        s.append("""

                ## Metrics

                - **test MSE**: mean squared error per value between test images (scaled to [0, 1]) and their reconstructions
                  (deterministic path: the posterior mean for VAEs). **PCA MSE, same code**: the PCA baseline's with as many
                  components as the model's code has dimensions (– when the code is larger than the input).
                - **test BCE**: binary cross-entropy per value of the reconstruction, clamped to [1e-7, 1 − 1e-7].
                - **−ELBO**: negative evidence lower bound in nats per example, one seeded posterior sample (VAEs only).
                - **probe acc.**: test accuracy of a softmax regression trained on the standardised frozen codes of the
                  training set (at most 10,000 examples, a seeded random subset; full-batch Adam).
                - **AUROC**: one-class protocol — for each class c run, a model of the same configuration is trained on the
                  training images of class c only; the whole test set is scored by reconstruction error, class c normal,
                  every other class anomalous; the AUROC of that score, averaged over the classes run.
                - **train samples/s**: training throughput over the epochs after the first (for PCA: examples per second of
                  the closed-form fit); **infer samples/s**: reconstructions per second over the test set; **train s**:
                  wall-clock training time.
                - **peak heap / RSS MB**: the most JVM heap in use, and the largest resident memory of the whole process
                  (heap plus ND4J's native buffers), sampled after every training batch; the process runs every model in
                  turn, so RSS is cumulative rather than per model.

                ## Figures

                """);
        for (String figure : figures) {
            s.append("- [").append(figure).append("](").append(figure).append(")\n");
        }
        return s.toString();
    }
}
