package org.ae4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.imageio.ImageIO;
import org.ae4j.Ae4j;
import org.ae4j.config.ConfigCodec;
import org.ae4j.persist.ModelFile;
import org.ae4j.persist.SavedModel;
import org.ae4j.train.TrainingListener;
import org.ae4j.train.TrainingState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {

    @TempDir
    Path dir;

    /** One invocation's exit code and output. */
    record Run(int code, String out, String err) {
        JsonNode json() throws IOException {
            List<String> lines = out.lines().toList();
            return new ObjectMapper().readTree(lines.get(lines.size() - 1));
        }
    }

    static Run run(List<TrainingListener> listeners, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                listeners).run(args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Run run(String... args) {
        return run(List.of(), args);
    }

    /** A vanilla model trained one epoch on the embedded sample, saved as {@code dir/m.ae4j}. */
    static Path oneEpochModel(Path dir) {
        Path model = dir.resolve("m.ae4j");
        assertThat(run("train", "--variant", "vanilla", "--epochs", "1", "--out", model.toString()).code()).isZero();
        return model;
    }

    private Path trained(String name) {
        Path model = dir.resolve(name);
        Run r = run("train", "--variant", "vanilla", "--epochs", "2", "--out", model.toString());
        assertThat(r.code()).as(r.err()).isZero();
        return model;
    }

    /** Asserts exit code 2 with one line on stderr that holds {@code expectedMessagePart}. */
    static void assertBadInput(Run r, String expectedMessagePart) {
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err().lines().toList()).as(r.err()).hasSize(1);
        assertThat(r.err()).contains(expectedMessagePart);
    }

    @Test
    void variantsListsEveryDiscoveredComponentWithItsPlugin() throws IOException {
        Run r = run("variants", "--json");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("vanilla").contains("[ae4j-variants-vanilla]").contains("relu [ae4j-core]");
        JsonNode json = r.json();
        assertThat(json.get("variants").findValuesAsText("name")).containsExactly("contractive", "conv", "denoising", "sparse", "vae", "vanilla");
        assertThat(json.get("components").get("corruptions").toString()).contains("gaussian").contains("ae4j-variants-denoising");
        assertThat(json.get("components").get("optimizers").toString()).contains("adam");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"denoising", "sparse", "contractive"})
    void trainsEveryVariantByName(String variant) throws IOException {
        Run r = run("train", "--variant", variant, "--epochs", "1", "--out", dir.resolve(variant + ".ae4j").toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.json().get("test_mse").asDouble()).isPositive();
        assertThat(ModelFile.load(dir.resolve(variant + ".ae4j"), Ae4j.registry()).config().variant()).isEqualTo(variant);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"conv-vae.json", "conv-denoising.json"})
    void convolutionalExampleConfigsTrainFromTheCommandLine(String example) throws IOException {
        Path model = dir.resolve(example + ".ae4j");
        Run r = run("train", "--config", Path.of("..", "examples", example).toString(), "--epochs", "1", "--out",
                model.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.json().get("train_loss").asDouble()).isPositive();
        Run evaluate = run("evaluate", "--model", model.toString(), "--json");
        assertThat(evaluate.code()).as(evaluate.err()).isZero();
        assertThat(evaluate.json().get("test_loss").asDouble()).isEqualTo(r.json().get("test_loss").asDouble());
        if (example.contains("vae")) {
            assertThat(evaluate.json().has("test_neg_elbo")).isTrue();
        }
    }

    @Test
    void trainSaveLoadEvaluateGivesExactlyTheSameTestLoss() throws IOException {
        Path model = dir.resolve("m.ae4j");
        Run train = run("train", "--variant", "vanilla", "--epochs", "2", "--out", model.toString(), "--json");
        assertThat(train.code()).as(train.err()).isZero();
        JsonNode trained = train.json();
        assertThat(trained.get("epochs").asInt()).isEqualTo(2);
        assertThat(trained.get("train_loss").asDouble()).isPositive();
        assertThat(trained.get("val_loss").asDouble()).isPositive();
        assertThat(trained.get("train_samples_per_sec").asDouble()).isPositive();
        assertThat(Files.exists(dir.resolve("m.ae4j.ckpt"))).as("checkpoint removed after success").isFalse();

        Run evaluate = run("evaluate", "--model", model.toString(), "--json");
        assertThat(evaluate.code()).as(evaluate.err()).isZero();
        JsonNode evaluated = evaluate.json();
        assertThat(evaluated.get("test_loss").asDouble()).isEqualTo(trained.get("test_loss").asDouble());
        assertThat(evaluated.get("test_mse").asDouble()).isEqualTo(trained.get("test_mse").asDouble());
        assertThat(evaluated.get("samples").asInt()).isEqualTo(1000);
    }

    @Test
    void theConfigSavedByTrainReadsBackEqualToTheOriginal() throws IOException {
        Path config = dir.resolve("model.json");
        Files.writeString(config, """
                {"variant": "vanilla", "model": {"encoderSizes": [64, 16], "activation": "leaky-relu"},
                 "regularizers": [{"type": "weight-decay", "lambda": 1e-5}],
                 "optimizer": {"type": "rmsprop", "learningRate": 0.002},
                 "training": {"epochs": 1, "batchSize": 128, "seed": 3,
                              "schedule": {"shape": "cosine", "peakFactor": 2, "warmupFraction": 0.1}}}""");
        Path model = dir.resolve("c.ae4j");
        Run r = run("train", "--config", config.toString(), "--out", model.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains(", learning rate cosine (peak 2×, warm-up 10 %)");
        var registry = Ae4j.registry();
        SavedModel saved = ModelFile.load(model, registry);
        assertThat(saved.config()).isEqualTo(new ConfigCodec(registry).read(config));
        assertThat(saved.model().codeSize()).isEqualTo(16);
    }

    @Test
    void interruptedTrainingResumesToTheSameFinalLoss() throws IOException {      // with two data-parallel workers
        Run uninterrupted = run("train", "--variant", "vanilla", "--epochs", "3", "--workers", "2", "--out",
                dir.resolve("a.ae4j").toString(), "--json");
        assertThat(uninterrupted.code()).as(uninterrupted.err()).isZero();

        Path checkpoint = dir.resolve("b.ckpt");
        TrainingListener killAfterEpoch1 = new TrainingListener() {
            @Override
            public void onEpochCompleted(TrainingState state) {
                if (state.epochsCompleted() == 1) {
                    throw new IllegalStateException("killed after epoch 1");
                }
            }
        };
        Run killed = run(List.of(killAfterEpoch1), "train", "--variant", "vanilla", "--epochs", "3", "--workers", "2",
                "--out", dir.resolve("b.ae4j").toString(), "--checkpoint", checkpoint.toString());
        assertThat(killed.code()).isEqualTo(1);
        assertThat(Files.exists(dir.resolve("b.ae4j"))).isFalse();
        assertThat(ModelFile.load(checkpoint, Ae4j.registry()).checkpoint().orElseThrow().epochsCompleted()).isEqualTo(1);

        assertBadInput(run("train", "--resume", checkpoint.toString(), "--workers", "1", "--out", dir.resolve("b.ae4j").toString()),
                "--batch, --seed and --workers cannot change when resuming: the run continues with the checkpoint's batch 256, "
                        + "seed 12345 and 2 worker(s)");
        Run resumed = run("train", "--resume", checkpoint.toString(), "--out", dir.resolve("b.ae4j").toString(), "--json");
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.json().get("train_loss").asDouble()).isEqualTo(uninterrupted.json().get("train_loss").asDouble());
        assertThat(resumed.json().get("val_loss").asDouble()).isEqualTo(uninterrupted.json().get("val_loss").asDouble());
        assertThat(resumed.json().get("test_loss").asDouble()).isEqualTo(uninterrupted.json().get("test_loss").asDouble());
    }

    @Test
    void encodeScoreAndReconstructWriteTheirFiles() throws IOException {
        Path model = trained("m.ae4j");
        Path input = dir.resolve("images.csv");
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 784; i++) {
            csv.append(i == 0 ? "" : ",").append("p").append(i);
        }
        csv.append('\n');
        for (int row = 0; row < 3; row++) {
            for (int i = 0; i < 784; i++) {
                csv.append(i == 0 ? "" : ",").append((i * (row + 1)) % 256);
            }
            csv.append('\n');
        }
        Files.writeString(input, csv);

        Run encode = run("encode", "--model", model.toString(), "--input", input.toString(), "--out", dir.resolve("z.csv").toString(), "--json");
        assertThat(encode.code()).as(encode.err()).isZero();
        List<String> codes = Files.readAllLines(dir.resolve("z.csv"));
        assertThat(codes).hasSize(4);
        assertThat(codes.get(0).split(",")).hasSize(32);

        Run score = run("score", "--model", model.toString(), "--input", input.toString(), "--out", dir.resolve("s.csv").toString());
        assertThat(score.code()).as(score.err()).isZero();
        assertThat(Files.readAllLines(dir.resolve("s.csv"))).hasSize(4).first().isEqualTo("index,score,is_anomaly");

        Run png = run("reconstruct", "--model", model.toString(), "--input", input.toString(), "--out", dir.resolve("r.png").toString());
        assertThat(png.code()).as(png.err()).isZero();
        BufferedImage image = ImageIO.read(dir.resolve("r.png").toFile());
        assertThat(image.getWidth()).isEqualTo(3 * 28 * 3);
        assertThat(image.getHeight()).isEqualTo(2 * 28 * 3);
    }

    @Test
    void denoiseWritesReconstructionsInTheInputsScale() throws IOException {
        Run train = run("train", "--variant", "denoising", "--epochs", "2", "--out", dir.resolve("d.ae4j").toString());
        assertThat(train.code()).as(train.err()).isZero();
        Path input = dir.resolve("noisy.idx");
        ByteBuffer b = ByteBuffer.allocate(16 + 3 * 784);
        b.putInt(0x00000803).putInt(3).putInt(28).putInt(28);
        for (int i = 0; i < 3 * 784; i++) {
            b.put((byte) ((i * 37) % 256));
        }
        Files.write(input, b.array());
        Path csv = dir.resolve("clean.csv");
        Run denoise = run("denoise", "--model", dir.resolve("d.ae4j").toString(), "--input", input.toString(), "--out", csv.toString());
        assertThat(denoise.code()).as(denoise.err()).isZero();
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows).hasSize(4);
        double max = java.util.Arrays.stream(rows.get(1).split(",")).mapToDouble(Double::parseDouble).max().orElseThrow();
        assertThat(max).as("original 0…255 scale").isGreaterThan(1.5).isLessThanOrEqualTo(255.0);

        Path idx = dir.resolve("clean.idx.gz");
        assertThat(run("denoise", "--model", dir.resolve("d.ae4j").toString(), "--input", input.toString(), "--out", idx.toString())
                .code()).isZero();
        org.ae4j.data.IdxFile written = org.ae4j.data.IdxFile.read(idx);
        assertThat(written.dimensions()).containsExactly(3, 28, 28);
        assertThat(Files.getPosixFilePermissions(idx)).contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ);
    }

    @Test
    void vaeGeneratesDeterministicallyInterpolatesAndReportsItsBounds() throws IOException {
        Path model = dir.resolve("vae.ae4j");
        Run train = run("train", "--variant", "vae", "--epochs", "2", "--out", model.toString());
        assertThat(train.code()).as(train.err()).isZero();

        Path a = dir.resolve("a.png");
        Path b = dir.resolve("b.png");
        assertThat(run("generate", "--model", model.toString(), "--n", "16", "--seed", "3", "--out", a.toString()).code()).isZero();
        assertThat(run("generate", "--model", model.toString(), "--n", "16", "--seed", "3", "--out", b.toString()).code()).isZero();
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
        BufferedImage grid = ImageIO.read(a.toFile());
        assertThat(grid.getWidth()).isEqualTo(4 * 28 * 2);

        Run evaluate = run("evaluate", "--model", model.toString(), "--iw", "10", "--json");
        assertThat(evaluate.code()).as(evaluate.err()).isZero();
        double elbo = evaluate.json().get("test_neg_elbo").asDouble();
        double iw = evaluate.json().get("test_iw_nll").asDouble();
        assertThat(iw).isLessThan(elbo);
        assertThat(run("evaluate", "--model", model.toString(), "--iw", "10", "--json").json().get("test_iw_nll").asDouble())
                .isEqualTo(iw);

        Path input = dir.resolve("input.csv");
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 784; i++) {
            csv.append(i == 0 ? "" : ",").append("p").append(i);
        }
        csv.append('\n');
        for (int row = 0; row < 2; row++) {
            for (int i = 0; i < 784; i++) {
                csv.append(i == 0 ? "" : ",").append(row == 0 ? i % 256 : 255 - i % 256);
            }
            csv.append('\n');
        }
        Files.writeString(input, csv);
        Run strip = run("interpolate", "--model", model.toString(), "--input", input.toString(), "--steps", "6",
                "--out", dir.resolve("i.png").toString());
        assertThat(strip.code()).as(strip.err()).isZero();
        assertThat(ImageIO.read(dir.resolve("i.png").toFile()).getWidth()).isEqualTo(6 * 28 * 3);

        Path vanilla = trained("m.ae4j");
        assertBadInput(run("generate", "--model", vanilla.toString(), "--out", dir.resolve("x.png").toString()),
                "not a variational autoencoder");
        assertBadInput(run("evaluate", "--model", vanilla.toString(), "--iw", "5"), "--iw needs a variational autoencoder");
    }

    @Test
    void rejectsTruncatedAndBitFlippedModelFiles() throws IOException {
        Path model = trained("m.ae4j");
        byte[] bytes = Files.readAllBytes(model);
        Path truncated = dir.resolve("truncated.ae4j");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length - 100));
        assertBadInput(run("evaluate", "--model", truncated.toString()), "is not a readable ae4j model file");

        Path flipped = dir.resolve("flipped.ae4j");
        bytes[bytes.length / 2] ^= 0x04;
        Files.write(flipped, bytes);
        Run r = run("evaluate", "--model", flipped.toString());
        assertBadInput(r, flipped.toString());
        assertThat(r.err()).containsAnyOf("damaged", "truncated", "altered");
    }

    @Test
    void rejectsBadConfigsAndOptions() throws IOException {
        Path malformed = dir.resolve("bad.json");
        Files.writeString(malformed, "{\"variant\": \"vanilla\", \"training\": {\"epochs\": }");
        assertBadInput(run("train", "--config", malformed.toString(), "--out", dir.resolve("x.ae4j").toString()),
                "bad.json: malformed JSON");
        assertBadInput(run("train", "--variant", "nope", "--out", dir.resolve("x.ae4j").toString()),
                "unknown variant 'nope'; known variants: contractive, conv, denoising, sparse, vae, vanilla");
        assertBadInput(run("train", "--variant", "vanilla", "--epochs", "-3", "--out", dir.resolve("x.ae4j").toString()),
                "epochs must be >= 1, got -3");
        assertBadInput(run("train", "--variant", "vanilla", "--workers", "-1", "--out", dir.resolve("x.ae4j").toString()),
                "workers must be in [1, 256], or 0 for one per core, got -1");
        Path negative = dir.resolve("negative.json");
        Files.writeString(negative, "{\"variant\": \"vanilla\", \"training\": {\"epochs\": -1}}");
        assertBadInput(run("train", "--config", negative.toString(), "--out", dir.resolve("x.ae4j").toString()),
                "$.training: epochs must be >= 1, got -1");
        assertBadInput(run("train", "--variant", "vanilla"), "Missing required option: '--out=MODEL'");
        assertBadInput(run("evaluate", "--model", dir.resolve("none.ae4j").toString()), "does not exist");
        assertThat(Files.exists(dir.resolve("x.ae4j"))).isFalse();
    }

    @Test
    void rejectsIdxFilesWithTheWrongImageSize() throws IOException {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        writeIdxImages(data.resolve("train-images-idx3-ubyte"), 4, 27);
        writeIdxLabels(data.resolve("train-labels-idx1-ubyte"), 4);
        writeIdxImages(data.resolve("t10k-images-idx3-ubyte"), 2, 27);
        writeIdxLabels(data.resolve("t10k-labels-idx1-ubyte"), 2);
        assertBadInput(run("train", "--variant", "vanilla", "--data", data.toString(), "--out", dir.resolve("x.ae4j").toString()),
                "expected images [n, 28, 28], got [4, 27, 27]");

        Path model = trained("m.ae4j");
        assertBadInput(run("score", "--model", model.toString(), "--input", data.resolve("t10k-images-idx3-ubyte").toString(),
                "--out", dir.resolve("s.csv").toString()), "has 729 values per example ([729]), but the model takes 784 [784]");
    }

    @Test
    void loadsPluginsFromAPluginDirectory() throws IOException {
        Path plugins = dir.resolve("plugins");
        Files.createDirectories(plugins);
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(plugins.resolve("extra.jar")))) {
            jar.putNextEntry(new JarEntry("META-INF/services/org.ae4j.spi.Ae4jPlugin"));
            jar.write((ExtraPlugin.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        assertThat(run("variants").out()).doesNotContain("extra");
        Run r = run("--plugins", plugins.toString(), "variants", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("extra").contains("[extra-plugin]");
        assertBadInput(run("--plugins", dir.resolve("missing").toString(), "variants"), "plug-in directory");

        Path model = dir.resolve("extra.ae4j");
        Run trained = run("--plugins", plugins.toString(), "train", "--variant", "extra", "--epochs", "1", "--out", model.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        assertBadInput(run("evaluate", "--model", model.toString()),
                "needs the variant 'extra' of plug-in 'extra-plugin', which is not loaded");
        assertThat(run("evaluate", "--model", model.toString()).err()).contains("--plugins DIR");
        assertThat(run("--plugins", plugins.toString(), "evaluate", "--model", model.toString()).code()).isZero();
    }

    /** A table with numbers, a text category, a boolean, missing cells, an id and a label, made here. */
    private Path table(String name, boolean reversedColumns) throws IOException {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(5);
        List<String> header = List.of("id", "age", "income", "colour", "member", "label");
        StringBuilder text = new StringBuilder();
        List<Integer> order = new java.util.ArrayList<>(List.of(0, 1, 2, 3, 4, 5));
        if (reversedColumns) {
            java.util.Collections.reverse(order);
        }
        text.append(String.join(",", order.stream().map(header::get).toList())).append('\n');
        for (int r = 0; r < 300; r++) {
            double age = 20 + 50 * rng.nextDouble();
            String[] row = {String.valueOf(1000 + r), String.format(java.util.Locale.ROOT, "%.2f", age),
                    rng.nextInt(10) == 0 ? "" : String.format(java.util.Locale.ROOT, "%.1f", 1000 * age + 5000 * rng.nextGaussian()),
                    "\"" + List.of("red", "green", "blue, dark").get(rng.nextInt(3)) + "\"", rng.nextBoolean() ? "yes" : "no",
                    age > 45 ? "old" : "young"};
            text.append(String.join(",", order.stream().map(i -> row[i]).toList())).append('\n');
        }
        Path file = dir.resolve(name);
        Files.writeString(file, text.toString());
        return file;
    }

    /** A model trained 3 epochs on {@code csv} (label column "label"), saved as {@code name}. */
    private Path trainedOnTable(Path csv, String name) {
        Path model = dir.resolve(name);
        assertThat(run("train", "--data", csv.toString(), "--label", "label", "--epochs", "3", "--out", model.toString(),
                "--no-progress").code()).isZero();
        return model;
    }

    @Test
    void followsAGrowingFileAndScoresEachRowAsTheBatchCommandDoes() throws Exception {
        Path csv = table("stream.csv", false);
        Path model = trainedOnTable(csv, "stream.ae4j");
        Path batch = dir.resolve("batch.csv");
        assertThat(run("score", "--model", model.toString(), "--input", csv.toString(), "--out", batch.toString()).code()).isZero();
        List<String> lines = Files.readAllLines(csv);
        Path growing = dir.resolve("growing.csv");
        Files.write(growing, lines.subList(0, 101));                       // the header and 100 rows, then a row cut in two
        Path streamed = dir.resolve("streamed.csv");
        java.util.concurrent.CompletableFuture<Run> follow = java.util.concurrent.CompletableFuture.supplyAsync(() -> run("score",
                "--model", model.toString(), "--input", growing.toString(), "--follow", "--window", "100", "--warm-up", "50",
                "--idle-exit", "1.5", "--top", "3", "--out", streamed.toString(), "--json"));
        Thread.sleep(300);
        String half = lines.get(101).substring(0, 7);
        Files.writeString(growing, half, java.nio.file.StandardOpenOption.APPEND);
        Thread.sleep(300);
        Files.writeString(growing, lines.get(101).substring(7) + "\n" + String.join("\n", lines.subList(102, lines.size())) + "\n",
                java.nio.file.StandardOpenOption.APPEND);
        Run r = follow.get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("300 rows scored");
        assertThat(r.json().get("samples").asLong()).isEqualTo(300);
        List<String> out = Files.readAllLines(streamed);
        List<String> expected = Files.readAllLines(batch);
        assertThat(out.get(0)).isEqualTo("id,score,is_anomaly,adaptive_threshold,is_adaptive_anomaly,top_columns");
        assertThat(out).hasSize(301);
        for (int i = 1; i <= 300; i++) {
            String[] a = out.get(i).split(",");
            String[] b = expected.get(i).split(",");
            assertThat(a[0]).isEqualTo(b[0]);
            assertThat(Double.parseDouble(a[1])).as("row " + i).isEqualTo(Double.parseDouble(b[1]));
            assertThat(a[2]).isEqualTo(b[2]);
            assertThat(a[3].isEmpty()).as("no adaptive threshold during the warm-up only").isEqualTo(i <= 50);
            assertThat(a[5]).as("top columns of row " + i).isEqualTo(b[3]);
        }

        // JSON Lines: objects of column values (a null and an absent column are missing cells), the same scores
        Path jsonl = dir.resolve("rows.jsonl");
        StringBuilder objects = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            List<String> cells;
            try (var reader = de.siegmar.fastcsv.reader.CsvReader.builder().ofCsvRecord(lines.get(i))) {
                cells = reader.iterator().next().getFields();
            }
            objects.append(String.format(java.util.Locale.ROOT, "{\"id\": \"%s\", \"age\": %s, \"income\": %s, \"colour\": \"%s\", \"member\": \"%s\"}%n",
                    cells.get(0), cells.get(1), cells.get(2).isEmpty() ? "null" : cells.get(2), cells.get(3), cells.get(4)));
        }
        Files.writeString(jsonl, objects.toString());
        Path fromJson = dir.resolve("from-json.csv");
        Run json = run("score", "--model", model.toString(), "--input", jsonl.toString(), "--follow", "--idle-exit", "0", "--top", "0",
                "--out", fromJson.toString());
        assertThat(json.code()).as(json.err()).isZero();
        List<String> jsonOut = Files.readAllLines(fromJson);
        assertThat(jsonOut).hasSize(21);
        for (int i = 1; i <= 20; i++) {
            assertThat(Double.parseDouble(jsonOut.get(i).split(",")[1])).as("JSON row " + i).isEqualTo(Double.parseDouble(expected.get(i).split(",")[1]));
        }
        Path badJson = dir.resolve("bad.jsonl");
        Files.writeString(badJson, "{\"age\": 30}\n[1, 2]\n");
        assertBadInput(run("score", "--model", model.toString(), "--input", badJson.toString(), "--follow", "--idle-exit", "0"),
                "line 2: expected a JSON object of column values, got array");
        assertBadInput(run("score", "--model", model.toString(), "--input", dir.resolve("nope.csv").toString(), "--follow"),
                "no such file: ");
        assertBadInput(run("score", "--model", model.toString(), "--input", csv.toString()), "Missing required option: '--out=CSV'");
        Path noColumn = dir.resolve("no-column.csv");
        Files.writeString(noColumn, "id,age\n1,30\n");
        assertBadInput(run("score", "--model", model.toString(), "--input", noColumn.toString(), "--follow", "--idle-exit", "0"),
                "lacks the column");
    }

    @Test
    void indexesATableAndFindsEachRowsNearestRowsByTheirIds() throws IOException {
        Path csv = table("people.csv", false);
        Path model = trainedOnTable(csv, "people.ae4j");
        Path index = dir.resolve("people.ae4jx");
        Run indexed = run("index", "--model", model.toString(), "--data", csv.toString(), "--out", index.toString(), "--metric",
                "cosine", "--json");
        assertThat(indexed.code()).as(indexed.err()).isZero();
        assertThat(indexed.out()).contains("indexed 300 items").contains("\"metric\":\"cosine\"");
        Path answers = dir.resolve("answers.csv");
        Run found = run("search", "--index", index.toString(), "--query", csv.toString(), "-k", "3", "--out", answers.toString());
        assertThat(found.code()).as(found.err()).isZero();
        List<String> lines = Files.readAllLines(answers);
        assertThat(lines).hasSize(1 + 300 * 3);
        assertThat(lines.get(0)).isEqualTo("query,rank,id,distance");
        assertThat(lines.get(1)).startsWith("1000,1,");
        long selfFirst = lines.stream().skip(1).map(l -> l.split(",")).filter(f -> f[1].equals("1") && f[0].equals(f[2])).count();
        assertThat(selfFirst).as("rows found first by themselves").isGreaterThan(250);

        assertBadInput(run("search", "--index", index.toString(), "--query", csv.toString(), "-k", "0"), "k must be in [1, 300]");
        assertBadInput(run("search", "--index", index.toString(), "--query", csv.toString(), "-k", "301"), "got 301");
        Path narrow = dir.resolve("narrow.csv");
        Files.write(narrow, Files.readAllLines(csv).stream().map(l -> l.substring(0, l.lastIndexOf(','))).map(l -> l.substring(0,
                l.lastIndexOf(','))).toList());
        assertBadInput(run("search", "--index", index.toString(), "--query", narrow.toString()), "member");
        byte[] bytes = Files.readAllBytes(index);
        bytes[bytes.length / 3] ^= 0x5a;
        Files.write(index, bytes);
        assertBadInput(run("search", "--index", index.toString(), "--query", csv.toString()), index.toString());
        assertBadInput(run("index", "--model", model.toString(), "--data", csv.toString(), "--out", index.toString(), "--metric",
                "manhattan"), "unknown metric 'manhattan'");
    }

    @Test
    void searchesAnImageFolderAndDrawsTheNeighbours() throws IOException {
        Path model = trained("m.ae4j");
        Path folder = Files.createDirectories(dir.resolve("shapes"));
        for (int i = 0; i < 12; i++) {
            BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
            java.awt.Graphics2D g = image.createGraphics();
            g.setColor(java.awt.Color.WHITE);
            if (i % 2 == 0) {
                g.fillRect(4 + i / 2, 4, 12, 20);
            } else {
                g.fillOval(2, 2 + i / 2, 22, 14);
            }
            g.dispose();
            ImageIO.write(image, "png", dir.resolve("shapes").resolve(String.format("s%02d.png", i)).toFile());
        }
        Path index = dir.resolve("shapes.ae4jx");
        Run indexed = run("index", "--model", model.toString(), "--data", folder.toString(), "--out", index.toString());
        assertThat(indexed.code()).as(indexed.err()).isZero();
        Path grid = dir.resolve("grid.png");
        Run found = run("search", "--index", index.toString(), "--query", folder.resolve("s04.png").toString(), "-k", "4", "--grid",
                grid.toString(), "--data", folder.toString(), "--json");
        assertThat(found.code()).as(found.err()).isZero();
        assertThat(found.out()).containsPattern("s04.png:  s04.png \\([0-9.e-]+\\)( +s(00|02|06|08|10)\\.png \\([0-9.]+\\)){3}\n")
                .contains("\"search\":\"exact\"");
        BufferedImage drawn = ImageIO.read(grid.toFile());
        assertThat(drawn.getWidth()).isEqualTo(5 * 28 * 2);
        assertThat(drawn.getHeight()).isEqualTo(28 * 2);
        Path wide = dir.resolve("wide.csv");
        Files.writeString(wide, "a,b,c\n1,2,3\n");
        assertBadInput(run("search", "--index", index.toString(), "--query", wide.toString()), "but the model takes 784");
    }

    @Test
    void inpaintsTheMaskedPixelsOfImagesKeepingTheOthers() throws IOException {
        Path model = trained("m.ae4j");
        Path folder = Files.createDirectories(dir.resolve("photos"));
        for (int i = 0; i < 3; i++) {
            BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
            for (int p = 0; p < 28 * 28; p++) {
                image.getRaster().setSample(p % 28, p / 28, 0, (p * (i + 3)) % 256);
            }
            ImageIO.write(image, "png", folder.resolve("p" + i + ".png").toFile());
        }
        BufferedImage maskImage = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 5; y < 12; y++) {
            for (int x = 10; x < 20; x++) {
                maskImage.getRaster().setSample(x, y, 0, 255);
            }
        }
        Path mask = dir.resolve("mask.png");
        ImageIO.write(maskImage, "png", mask.toFile());
        Path npy = dir.resolve("filled.npy");
        Run filled = run("impute", "--model", model.toString(), "--input", folder.toString(), "--mask", mask.toString(), "--out",
                npy.toString());
        assertThat(filled.code()).as(filled.err()).isZero();
        assertThat(filled.out()).contains("filled 70 pixels in each of 3 images in 1 pass(es)");
        float[] values = org.ae4j.data.NumpyData.read(npy).features().castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).data().asFloat();
        assertThat(values).hasSize(3 * 784);
        for (int i = 0; i < values.length; i++) {
            int p = i % 784;
            boolean hole = p / 28 >= 5 && p / 28 < 12 && p % 28 >= 10 && p % 28 < 20;
            if (!hole) {
                assertThat(values[i]).as("given pixel %d", i).isCloseTo((p * (i / 784 + 3)) % 256, org.assertj.core.data.Offset.offset(1e-3f));
            }
        }
        Path png = dir.resolve("filled.png");
        assertThat(run("impute", "--model", model.toString(), "--input", folder.toString(), "--mask", mask.toString(), "--out",
                png.toString()).code()).isZero();
        assertThat(ImageIO.read(png.toFile()).getHeight()).isEqualTo(2 * 28 * 3);
        assertBadInput(run("impute", "--model", model.toString(), "--input", folder.toString(), "--out", png.toString()),
                "an image model fills the pixels a --mask PNG marks");
        assertBadInput(run("impute", "--model", model.toString(), "--input", folder.toString(), "--mask", folder.resolve("p0.png")
                .toString(), "--out", dir.resolve("x.csv").toString()), "--out must name a .png");
    }

    @Test
    void imputesTheMissingCellsOfATableKeepingEveryObservedCell() throws IOException {
        Path csv = table("holes.csv", false);
        Path model = dir.resolve("holes.ae4j");
        Run train = run("train", "--data", csv.toString(), "--label", "label", "--mask-cells", "0.25", "--epochs", "3", "--out",
                model.toString(), "--no-progress");
        assertThat(train.code()).as(train.err()).isZero();
        Path filled = dir.resolve("filled.csv");
        Run impute = run("impute", "--model", model.toString(), "--input", csv.toString(), "--out", filled.toString(), "--report");
        assertThat(impute.code()).as(impute.err()).isZero();
        assertThat(impute.out()).contains("filled ").contains("income");
        List<String> before = Files.readAllLines(csv);
        List<String> after = Files.readAllLines(filled);
        assertThat(after).hasSameSizeAs(before);
        assertThat(after.get(0)).isEqualTo(before.get(0));
        int holes = 0;
        for (int r = 1; r < before.size(); r++) {
            String[] was = before.get(r).split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1);
            String[] now = after.get(r).split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1);
            for (int c = 0; c < was.length; c++) {
                if (was[c].isEmpty()) {
                    holes++;
                    assertThat(Double.parseDouble(now[c])).as("row %d filled income", r).isBetween(-50_000.0, 150_000.0);
                } else {
                    assertThat(now[c].replace("\"", "")).as("row %d column %d", r, c).isEqualTo(was[c].replace("\"", ""));
                }
            }
        }
        assertThat(holes).isGreaterThan(10);
        assertThat(impute.out()).contains(String.format(java.util.Locale.ROOT, "filled %,d missing cells", holes));

        Run wrong = run("impute", "--model", model.toString(), "--input", dir.resolve("absent.csv").toString(), "--out",
                dir.resolve("x.csv").toString());
        assertThat(wrong.code()).isEqualTo(2);
    }

    @Test
    void trainsOnATableAndScoresItWhateverTheColumnOrder() throws IOException {
        Path csv = table("people.csv", false);
        Path model = dir.resolve("people.ae4j");
        Run trained = run("train", "--variant", "vanilla", "--data", csv.toString(), "--label", "label", "--epochs", "3",
                "--out", model.toString(), "--json");
        assertThat(trained.code()).as(trained.err()).isZero();
        assertThat(trained.out()).contains("dropped: id (identifier").contains("categorical: colour (3 values + other)")
                .contains("boolean: member").contains("label: label (2 classes: old, young)");
        Path scores = dir.resolve("a.csv");
        Path shuffledScores = dir.resolve("b.csv");
        assertThat(run("score", "--model", model.toString(), "--input", csv.toString(), "--out", scores.toString()).code()).isZero();
        Path reversed = table("reversed.csv", true);
        assertThat(run("score", "--model", model.toString(), "--input", reversed.toString(), "--out", shuffledScores.toString())
                .code()).isZero();
        assertThat(Files.readAllLines(scores)).hasSize(301).isEqualTo(Files.readAllLines(shuffledScores));
        assertThat(Files.readAllLines(scores).get(0)).isEqualTo("id,score,is_anomaly,top_columns");
        assertThat(Files.readAllLines(scores).get(1)).startsWith("1000,").matches("1000,[0-9.E-]+,(true|false),[a-z]+:0\\.[0-9]{3};.*");
        Run detection = run("evaluate", "--model", model.toString(), "--data", csv.toString(), "--positive", "old", "--json");
        assertThat(detection.code()).as(detection.err()).isZero();
        assertThat(detection.out()).contains("\"roc_auc\":").contains("\"pr_auc\":").contains("\"precision_at_n\":")
                .contains("\"recall_at_threshold\":");
        assertBadInput(run("evaluate", "--model", model.toString(), "--data", csv.toString(), "--positive", "ancient"),
                "--positive ancient is not a value of the label column 'label'; its values: old, young");
        Run evaluated = run("evaluate", "--model", model.toString(), "--data", reversed.toString(), "--json");
        assertThat(evaluated.code()).as(evaluated.err()).isZero();
        assertThat(evaluated.out()).contains("\"test_loss\":").doesNotContain("NaN");
        Path codes = dir.resolve("codes.csv");
        assertThat(run("encode", "--model", model.toString(), "--input", csv.toString(), "--out", codes.toString()).code()).isZero();
        assertThat(Files.readAllLines(codes)).hasSize(301);

        Path lacking = dir.resolve("lacking.csv");
        Files.writeString(lacking, "age,colour,member\n30,red,yes\n");
        assertBadInput(run("score", "--model", model.toString(), "--input", lacking.toString(), "--out", scores.toString()),
                lacking + " lacks the column 'income' the model was trained with");
        Path ragged = dir.resolve("ragged.csv");
        Files.writeString(ragged, "a,b\n1,2\n3\n");
        assertBadInput(run("train", "--variant", "vanilla", "--data", ragged.toString(), "--out", model.toString()),
                ragged + ":3: the row has 1 fields, expected 2");
    }

    @Test
    void trainsOnAFolderOfImagesAndOnNumpyArrays() throws IOException {
        org.ae4j.data.Dataset sample = org.ae4j.data.FashionMnist.sample().train().slice(0, 60);
        org.nd4j.linalg.api.ndarray.INDArray pixels = sample.features().reshape('c', 60, 784);
        Path images = dir.resolve("images");
        for (int i = 0; i < 60; i++) {
            java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(28, 28, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
            for (int p = 0; p < 784; p++) {
                image.getRaster().setSample(p % 28, p / 28, 0, (int) pixels.getDouble(i, p));
            }
            Path file = images.resolve("class" + sample.labels().orElseThrow()[i]).resolve(i + ".png");
            Files.createDirectories(file.getParent());
            javax.imageio.ImageIO.write(image, "png", file.toFile());
        }
        Path model = dir.resolve("images.ae4j");
        Run trained = run("train", "--variant", "conv", "--data", images.toString(), "--epochs", "1", "--out", model.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        assertThat(trained.out()).contains("(60 images, 1×28×28)");
        Path scores = dir.resolve("image-scores.csv");
        assertThat(run("score", "--model", model.toString(), "--input", images.toString(), "--out", scores.toString()).code()).isZero();
        assertThat(Files.readAllLines(scores)).hasSize(61);

        Path npy = dir.resolve("x.npy");
        Files.write(npy, org.ae4j.persist.Npy.write(pixels));
        Path npyModel = dir.resolve("npy.ae4j");
        Run fromNumpy = run("train", "--variant", "vanilla", "--data", npy.toString(), "--epochs", "1", "--out", npyModel.toString());
        assertThat(fromNumpy.code()).as(fromNumpy.err()).isZero();
        assertThat(run("encode", "--model", npyModel.toString(), "--input", npy.toString(), "--out", dir.resolve("c.csv").toString())
                .code()).isZero();
        assertBadInput(run("train", "--variant", "vanilla", "--data", npy.toString(), "--format", "table", "--out", npyModel.toString()),
                "is not a text table: it has a zero byte");
    }

    @Test
    void withoutASubcommandItSaysOneIsRequired() {
        assertBadInput(run(), "ae4j: a subcommand is required (see 'ae4j --help')");
    }

    /** The README's first two commands, on the example table the repository ships. */
    @Test
    void theReadmesTwoCommandsTrainAndScoreARealTable() throws IOException {
        Path table = Path.of("../examples/data/wdbc.csv");
        assertThat(table).exists();
        Path model = dir.resolve("wdbc.ae4j");
        Run trained = run("train", "--data", table.toString(), "--label", "diagnosis", "--out", model.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        assertThat(trained.out()).contains("training vanilla").contains("dropped: id (identifier").contains("anomaly threshold");
        Path scores = dir.resolve("scores.csv");
        Run scored = run("score", "--model", model.toString(), "--input", table.toString(), "--out", scores.toString());
        assertThat(scored.code()).as(scored.err()).isZero();
        List<String> lines = Files.readAllLines(scores);
        assertThat(lines).hasSize(570);
        assertThat(lines.get(0)).isEqualTo("id,score,is_anomaly,top_columns");
        Run evaluated = run("evaluate", "--model", model.toString(), "--data", table.toString(), "--positive", "malignant", "--json");
        assertThat(evaluated.code()).as(evaluated.err()).isZero();
        double auc = Double.parseDouble(evaluated.out().replaceAll("(?s).*\"roc_auc\":([0-9.]+).*", "$1"));
        assertThat(auc).as("ROC-AUC of malignant tumours (37 %% of the rows) as anomalies: better than chance").isGreaterThan(0.55);
    }

    private static void writeIdxImages(Path file, int n, int side) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(16 + n * side * side);
        b.putInt(0x00000803).putInt(n).putInt(side).putInt(side);
        Files.write(file, b.array());
    }

    private static void writeIdxLabels(Path file, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8 + n);
        b.putInt(0x00000801).putInt(n);
        Files.write(file, b.array());
    }
}
