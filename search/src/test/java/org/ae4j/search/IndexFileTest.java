package org.ae4j.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.ae4j.Ae4j;
import org.ae4j.config.ModelConfig;
import org.ae4j.data.Dataset;
import org.ae4j.model.Autoencoder;
import org.ae4j.persist.FileIntegrityException;
import org.ae4j.persist.Provenance;
import org.ae4j.persist.SavedModel;
import org.ae4j.persist.TrainingMetadata;
import org.ae4j.registry.Registry;
import org.ae4j.train.Trainer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

class IndexFileTest {

    static final Registry REGISTRY = Ae4j.registry();
    static SavedModel model;
    static Dataset items;

    @TempDir
    Path dir;

    @BeforeAll
    static void trainASmallModel() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(9);
        float[] values = new float[400 * 6];
        for (int r = 0; r < 400; r++) {
            double a = random.nextGaussian(), b = random.nextGaussian();
            double[] row = {a, b, a + b, a - b, 2 * a, 0.5 * b};
            for (int i = 0; i < 6; i++) {
                values[r * 6 + i] = (float) (row[i] + 0.05 * random.nextGaussian());
            }
        }
        items = Dataset.of(Nd4j.createFromArray(values).reshape(400, 6));
        ModelConfig config = ModelConfig.defaults(REGISTRY.variant("vanilla")).forTable(6, 400);
        config = config.withTraining(config.training().withEpochs(3));
        Autoencoder autoencoder = config.build(new long[] {6}, REGISTRY);
        new Trainer(config.training()).fit(autoencoder, config.optimizer().create(autoencoder.kernels()), items);
        model = new SavedModel(config, new long[] {6}, Optional.empty(), autoencoder,
                new TrainingMetadata(3, 0, Double.NaN, "generated", 9, "2026-11-26T00:00:00Z", 0, Provenance.UNKNOWN), Optional.empty());
    }

    private static List<String> ids(int n) {
        return IntStream.range(0, n).mapToObj(i -> "row " + (i + 1)).toList();
    }

    @Test
    void anIndexComesBackFromItsFileAnsweringAsBefore() throws IOException {
        for (CodeIndex.Graph graph : List.of(CodeIndex.Graph.NEVER, CodeIndex.Graph.ALWAYS)) {
            SimilarityIndex index = SimilarityIndex.build(model, items, ids(400),
                    CodeIndex.Options.defaults().withMetric(Metric.COSINE).withGraph(graph));
            Path file = dir.resolve(graph + IndexFile.EXTENSION);
            IndexFile.save(file, index, REGISTRY);
            SimilarityIndex loaded = IndexFile.load(file, REGISTRY);
            assertThat(loaded.codes().hasGraph()).isEqualTo(graph == CodeIndex.Graph.ALWAYS);
            assertThat(loaded.codes().ids()).isEqualTo(index.codes().ids());
            assertThat(loaded.codes().options().metric()).isEqualTo(Metric.COSINE);
            Dataset queries = items.slice(10, 20);
            assertThat(loaded.search(queries, 5, CodeIndex.Mode.AUTO)).isEqualTo(index.search(queries, 5, CodeIndex.Mode.AUTO));
            assertThat(loaded.search(queries, 5, CodeIndex.Mode.EXACT).get(0).get(0).id()).isEqualTo("row 11");
        }
    }

    @Test
    void anAlteredOrTruncatedIndexIsRefused() throws IOException {
        Path file = dir.resolve("i.ae4jx");
        IndexFile.save(file, SimilarityIndex.build(model, items, ids(400), CodeIndex.Options.defaults()), REGISTRY);
        byte[] bytes = Files.readAllBytes(file);
        rewriteEntry(file, "index.json", json -> json.replace("\"metric\" : \"l2\"", "\"metric\" : \"cosine\""));
        assertThatThrownBy(() -> IndexFile.load(file, REGISTRY)).isInstanceOf(FileIntegrityException.class)
                .hasMessageContaining("index.json does not match its manifest");
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> IndexFile.load(file, REGISTRY)).isInstanceOf(FileIntegrityException.class)
                .hasMessageContaining("not a readable ae4j index file");
        assertThatThrownBy(() -> IndexFile.load(dir.resolve("none.ae4jx"), REGISTRY)).isInstanceOf(FileIntegrityException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void queriesOfAnotherWidthAreRefused() {
        SimilarityIndex index = SimilarityIndex.build(model, items, ids(400), CodeIndex.Options.defaults());
        assertThatThrownBy(() -> index.search(Dataset.of(Nd4j.zeros(3, 7)), 5, CodeIndex.Mode.AUTO))
                .hasMessageContaining("the query has 7 values per example, but the index's model takes 6 [6]");
        assertThatThrownBy(() -> index.search(items.slice(0, 1), 401, CodeIndex.Mode.AUTO)).hasMessageContaining("k must be in [1, 400]");
    }

    /** Rewrites one entry of the zip, leaving its manifest as it was. */
    static void rewriteEntry(Path file, String name, java.util.function.UnaryOperator<String> edit) throws IOException {
        java.util.Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        try (var zip = new java.util.zip.ZipFile(file.toFile())) {
            for (var e : java.util.Collections.list(zip.entries())) {
                entries.put(e.getName(), zip.getInputStream(e).readAllBytes());
            }
        }
        String text = new String(entries.get(name), java.nio.charset.StandardCharsets.UTF_8);
        String edited = edit.apply(text);
        assertThat(edited).isNotEqualTo(text);
        entries.put(name, edited.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(file))) {
            for (var e : entries.entrySet()) {
                out.putNextEntry(new java.util.zip.ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
    }
}
