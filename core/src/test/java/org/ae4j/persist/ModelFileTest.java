package org.ae4j.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.ae4j.TestArrays;
import org.ae4j.config.ConfigCodec;
import org.ae4j.config.ModelConfig;
import org.ae4j.config.TinyVariant;
import org.ae4j.data.Dataset;
import org.ae4j.data.MinMaxNormalizer;
import org.ae4j.model.Autoencoder;
import org.ae4j.registry.CorePlugin;
import org.ae4j.registry.Registry;
import org.ae4j.train.Evaluation;
import org.ae4j.train.Trainer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {

    static final Registry REGISTRY = TinyVariant.REGISTRY;

    @TempDir
    Path dir;
    Path file;
    ModelConfig config;
    Autoencoder model;
    Dataset data;

    @BeforeEach
    void trainAndSave() throws IOException {
        config = new ConfigCodec(REGISTRY).read("{\"variant\": \"tiny\", \"regularizers\": [{\"type\": \"weight-decay\"}]}", "t");
        model = config.build(new long[] {12}, REGISTRY);
        data = TestArrays.structured(200, 1);
        new Trainer(config.training()).fit(model, config.optimizer().create(org.ae4j.kernel.KernelSelection.best()), data);
        file = dir.resolve("m.ae4j");
        ModelFile.save(file, saved(model), REGISTRY);
    }

    private SavedModel saved(Autoencoder m) {
        return new SavedModel(config, new long[] {12}, Optional.of(new MinMaxNormalizer(new double[] {0}, new double[] {1})),
                m, new TrainingMetadata(3, 0.5, Double.NaN, "structured", 7, "2026-11-23T00:00:00Z", 1234.5, Provenance.of(m.kernels(), 1)),
                Optional.empty());
    }

    @Test
    void roundTripRestoresTheModelExactly() throws IOException {
        SavedModel loaded = ModelFile.load(file, REGISTRY);
        assertThat(loaded.config()).isEqualTo(config);
        assertThat(loaded.normalizer()).contains(new MinMaxNormalizer(new double[] {0}, new double[] {1}));
        assertThat(loaded.metadata()).isEqualTo(saved(model).metadata());
        assertThat(loaded.checkpoint()).isEmpty();
        assertThat(loaded.model().regularizers()).hasSize(1);
        for (int i = 0; i < model.parameters().size(); i++) {
            assertThat(loaded.model().parameters().get(i).value()).isEqualTo(model.parameters().get(i).value());
        }
        assertThat(Evaluation.reconstructionLoss(loaded.model(), data, 64))
                .isEqualTo(Evaluation.reconstructionLoss(model, data, 64));
    }

    @Test
    void savingReplacesAtomicallyAndLeavesNoTemporaryFiles() throws IOException {
        ModelFile.save(file, saved(model), REGISTRY);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("m.ae4j");
        }
    }

    @Test
    void rejectsATruncatedFile() throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> ModelFile.load(file, REGISTRY))
                .isInstanceOf(ModelFileException.class)
                .hasMessageStartingWith(file + " is not a readable ae4j model file (damaged, truncated or not a zip");
    }

    @Test
    void everyFlippedBitIsRefusedOrHarmless() throws IOException {
        byte[] original = Files.readAllBytes(file);
        java.util.SplittableRandom rng = new java.util.SplittableRandom(5);
        int refused = 0;
        int trials = 40;
        for (int t = 0; t < trials; t++) {
            byte[] bytes = original.clone();
            bytes[rng.nextInt(bytes.length)] ^= (byte) (1 << rng.nextInt(8));
            Files.write(file, bytes);
            try {
                SavedModel loaded = ModelFile.load(file, REGISTRY);
                // a flip in a field the zip reader ignores (e.g. a local header's timestamp) changes nothing
                for (int i = 0; i < model.parameters().size(); i++) {
                    assertThat(loaded.model().parameters().get(i).value()).isEqualTo(model.parameters().get(i).value());
                }
                assertThat(loaded.config()).isEqualTo(config);
            } catch (ModelFileException e) {
                assertThat(e).hasMessageStartingWith(file.toString());
                refused++;
            }
        }
        assertThat(refused).as("flips refused").isGreaterThan(trials / 2);
    }

    @Test
    void rejectsAnAlteredEntryEvenWithAValidZip() throws IOException {
        Map<String, byte[]> entries = entries(file);
        byte[] params = entries.get("parameters/000.npy");
        params[params.length - 1] ^= 0x01;
        rewrite(file, entries);
        assertThatThrownBy(() -> ModelFile.load(file, REGISTRY))
                .isInstanceOf(ModelFileException.class)
                .hasMessage(file + " is damaged or was altered: the SHA-256 of parameters/000.npy does not match its manifest");
    }

    @Test
    void rejectsANewerFormatVersion() throws IOException {
        Map<String, byte[]> entries = entries(file);
        String json = new String(entries.get("model.json"), StandardCharsets.UTF_8)
                .replaceFirst("\"formatVersion\" ?: ?1", "\"formatVersion\": 2");
        entries.put("model.json", json.getBytes(StandardCharsets.UTF_8));
        entries.put("MANIFEST.sha256", manifest(entries));
        rewrite(file, entries);
        assertThatThrownBy(() -> ModelFile.load(file, REGISTRY))
                .isInstanceOf(ModelFileException.class)
                .hasMessageContaining("was written by a newer ae4j")
                .hasMessageContaining("format version 2); this ae4j")
                .hasMessageContaining("reads format version 1 and older");
    }

    @Test
    void rejectsAFileThatIsNotAZip() throws IOException {
        Files.writeString(file, "{\"variant\": \"tiny\"}");
        assertThatThrownBy(() -> ModelFile.load(file, REGISTRY))
                .isInstanceOf(ModelFileException.class)
                .hasMessageStartingWith(file + " is not a readable ae4j model file");
    }

    @Test
    void rejectsAModelWhoseVariantIsNotLoaded() {
        Registry withoutTiny = Registry.of(List.of(new CorePlugin()));
        assertThatThrownBy(() -> ModelFile.load(file, withoutTiny))
                .isInstanceOf(ModelFileException.class)
                .hasMessage(file + " needs the variant 'tiny' of plug-in 'tiny', which is not loaded (loaded: ae4j-core); "
                        + "put the plug-in's jar on the class path, or give the ae4j command its folder with --plugins DIR");
    }

    @Test
    void rejectsAMissingFile() {
        assertThatThrownBy(() -> ModelFile.load(dir.resolve("none.ae4j"), REGISTRY))
                .isInstanceOf(ModelFileException.class)
                .hasMessage("ae4j model file " + dir.resolve("none.ae4j") + " does not exist");
    }

    static Map<String, byte[]> entries(Path file) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                entries.put(e.getName(), zip.getInputStream(e).readAllBytes());
            }
        }
        return entries;
    }

    static byte[] manifest(Map<String, byte[]> entries) {
        StringBuilder s = new StringBuilder();
        entries.forEach((name, bytes) -> {
            if (!name.equals("MANIFEST.sha256")) {
                s.append(ModelFile.sha256(bytes)).append("  ").append(name).append('\n');
            }
        });
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    static void rewrite(Path file, Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        Files.write(file, out.toByteArray());
    }
}
