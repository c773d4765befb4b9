package org.ae4j.cli;

import static org.ae4j.cli.CliTest.assertBadInput;
import static org.ae4j.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ae4j.Ae4j;
import org.ae4j.data.Dataset;
import org.ae4j.data.FashionMnist;
import org.ae4j.data.MinMaxNormalizer;
import org.ae4j.data.table.ColumnKind;
import org.ae4j.data.table.ColumnSpec;
import org.ae4j.data.table.TableReader;
import org.ae4j.onnx.OnnxExport;
import org.ae4j.persist.ModelFile;
import org.ae4j.persist.SavedModel;
import org.ae4j.testkit.OnnxRuntimeCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@code ae4j export}: what users hold goes in, ONNX Runtime gives what {@code ae4j score} and the model give. */
class ExportCommandTest {

    @TempDir
    Path dir;

    /** Numbers with missing cells, a boolean, an id and a label: every kept column can be scaled inside the graph. */
    private Path numericTable() throws IOException {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(11);
        StringBuilder text = new StringBuilder("id,age,income,member,label\n");
        for (int r = 0; r < 300; r++) {
            double age = 20 + 50 * rng.nextDouble();
            String income = rng.nextInt(10) == 0 ? "" : String.format(java.util.Locale.ROOT, "%.1f", 1000 * age + 5000 * rng.nextGaussian());
            text.append(1000 + r).append(',').append(String.format(java.util.Locale.ROOT, "%.2f", age)).append(',').append(income)
                    .append(',').append(rng.nextBoolean() ? "yes" : "no").append(',').append(age > 45 ? "old" : "young").append('\n');
        }
        Path file = dir.resolve("numeric.csv");
        Files.writeString(file, text.toString());
        return file;
    }

    private Path trained(Path csv) {
        Path model = dir.resolve("table.ae4j");
        CliTest.Run r = run("train", "--data", csv.toString(), "--label", "label", "--epochs", "3", "--out", model.toString(), "--no-progress");
        assertThat(r.code()).as(r.err()).isZero();
        return model;
    }

    /** The raw cells of the kept columns, in the schema's order: numbers as read, booleans 0/1, NaN for a missing cell. */
    private static INDArray rawColumns(Path csv, List<ColumnSpec> kept) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        List<String> header = List.of(lines.get(0).split(","));
        float[][] rows = new float[lines.size() - 1][kept.size()];
        for (int r = 1; r < lines.size(); r++) {
            String[] cells = lines.get(r).split(",", -1);
            for (int c = 0; c < kept.size(); c++) {
                ColumnSpec spec = kept.get(c);
                String cell = cells[header.indexOf(spec.name())];
                rows[r - 1][c] = cell.isEmpty() ? Float.NaN
                        : spec.kind() == ColumnKind.BOOLEAN ? spec.categories().indexOf(cell) : Float.parseFloat(cell);
            }
        }
        return Nd4j.create(rows);
    }

    @Test
    void theScoreGraphTakesRawColumnsAndGivesTheScoresAndFlagsOfAe4jScore() throws Exception {
        Path csv = numericTable();
        Path model = trained(csv);
        Path onnx = dir.resolve("score.onnx");
        CliTest.Run r = run("export", "--model", model.toString(), "--part", "score", "--out", onnx.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("input 'columns' [batch, 3]").contains("outputs score, is_anomaly").doesNotContain("note:");
        assertThat(r.json().get("part").asText()).isEqualTo("score");

        SavedModel saved = ModelFile.load(model, Ae4j.registry());
        assertThat(saved.threshold()).isPresent();
        INDArray columns = rawColumns(csv, saved.table().get().features());
        OnnxExport.Exported exported = OnnxExport.of(saved, OnnxExport.Part.SCORE, true);
        assertThat(Files.readAllBytes(onnx)).isEqualTo(exported.bytes());
        Map<String, INDArray> outputs = OnnxRuntimeCheck.run(exported, columns);

        Path scored = dir.resolve("scores.csv");
        assertThat(run("score", "--model", model.toString(), "--input", csv.toString(), "--top", "0", "--out", scored.toString()).code())
                .isZero();
        List<String> lines = Files.readAllLines(scored);
        List<String> header = List.of(lines.get(0).split(","));
        float[] expected = new float[lines.size() - 1];
        int flagged = 0;
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",");
            expected[i - 1] = Float.parseFloat(cells[header.indexOf("score")]);
            boolean anomaly = Boolean.parseBoolean(cells[header.indexOf("is_anomaly")]);
            flagged += anomaly ? 1 : 0;
            double margin = Math.abs(expected[i - 1] - saved.threshold().get().threshold());
            if (margin > 1e-4) {
                assertThat(outputs.get("is_anomaly").getFloat(i - 1) == 1f).as("row %d's flag", i).isEqualTo(anomaly);
            }
        }
        assertThat(flagged).isPositive();
        INDArray printed = Nd4j.create(expected);
        // ae4j score prints scores with 6 significant digits: compare within that, and exactly against the model below
        INDArray relative = outputs.get("score").sub(printed).div(printed.add(1e-6));
        assertThat(org.nd4j.linalg.ops.transforms.Transforms.abs(relative).maxNumber().doubleValue()).isLessThan(1e-5);
        Dataset encoded = TableReader.read(csv, saved.table().get(), Optional.empty()).data();
        OnnxRuntimeCheck.assertClose("score", outputs.get("score"), saved.model().reconstructionLossPerExample(encoded.features()));
    }

    @Test
    void aTableWithTextCategoriesTakesEncodedFeaturesAndSaysSo() throws Exception {
        Path csv = dir.resolve("people.csv");
        StringBuilder text = new StringBuilder("age,colour,label\n");
        java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
        for (int r = 0; r < 200; r++) {
            text.append(20 + rng.nextInt(50)).append(',').append(List.of("red", "green", "blue").get(rng.nextInt(3))).append(',')
                    .append(rng.nextBoolean() ? "a" : "b").append('\n');
        }
        Files.writeString(csv, text.toString());
        Path model = trained(csv);
        Path onnx = dir.resolve("full.onnx");
        CliTest.Run r = run("export", "--model", model.toString(), "--out", onnx.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("input 'x' [batch, 5]").contains("output reconstruction")
                .contains("note: The graph's input is the encoded features").contains("'colour'");
        SavedModel saved = ModelFile.load(model, Ae4j.registry());
        INDArray features = TableReader.read(csv, saved.table().get(), Optional.empty()).data().features();
        OnnxRuntimeCheck.assertClose("reconstruction", OnnxRuntimeCheck.run(OnnxExport.of(saved, OnnxExport.Part.FULL, true), features)
                .get("reconstruction"), saved.model().reconstruct(features));
    }

    @Test
    void imagesGoInInTheirOriginalRangeWithTheGlobalOrPerPixelNormalisationInTheGraph() throws Exception {
        Path model = CliTest.oneEpochModel(dir);
        SavedModel saved = ModelFile.load(model, Ae4j.registry());
        assertThat(saved.normalizer()).isPresent();
        INDArray raw = FashionMnist.sample().test().features().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 50))
                .castTo(DataType.FLOAT).reshape(50, 784);
        Dataset images = Dataset.of(raw);
        for (MinMaxNormalizer normalizer : List.of(saved.normalizer().get(), MinMaxNormalizer.fitPerFeature(images))) {
            SavedModel withIt = new SavedModel(saved.config(), saved.inputShape(), Optional.of(normalizer), saved.model(), saved.metadata(),
                    Optional.empty());
            INDArray expected = saved.model().encode(normalizer.transform(images).features());
            OnnxRuntimeCheck.assertClose("code of raw images (" + (normalizer.isGlobal() ? "global" : "per-pixel") + " range)",
                    OnnxRuntimeCheck.run(OnnxExport.of(withIt, OnnxExport.Part.ENCODER, true), raw).get("code"), expected);
        }
        Path onnx = dir.resolve("decoder.onnx");
        CliTest.Run r = run("export", "--model", model.toString(), "--part", "decoder", "--out", onnx.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("input 'code' [batch, 32]").contains("output reconstruction");
    }

    @Test
    void badRequestsAreRefusedClearlyAndWriteNothing() {
        Path model = CliTest.oneEpochModel(dir);
        Path out = dir.resolve("x.onnx");
        assertBadInput(run("export", "--model", model.toString(), "--format", "tflite", "--out", out.toString()),
                "unknown export format 'tflite'; the formats are: onnx");
        assertBadInput(run("export", "--model", model.toString(), "--part", "middle", "--out", out.toString()),
                "unknown part 'middle'; expected one of encoder, decoder, full, score");
        assertBadInput(run("export", "--model", dir.resolve("none.ae4j").toString(), "--out", out.toString()), "none.ae4j");
        assertThat(out).doesNotExist();
    }
}
