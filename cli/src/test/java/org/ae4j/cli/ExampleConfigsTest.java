package org.ae4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.ae4j.Ae4j;
import org.ae4j.config.ConfigCodec;
import org.ae4j.config.ModelConfig;
import org.ae4j.registry.Registry;
import org.junit.jupiter.api.Test;

/** Every config shipped in examples/ reads, builds a model, round-trips, and exports to ONNX. */
class ExampleConfigsTest {

    /** The model configs in examples/. */
    private static List<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("..", "examples"))) {
            return files.filter(p -> p.toString().matches(".*\\.(json|ya?ml)$")).sorted().toList();
        }
    }

    @Test
    void everyExampleConfigIsValid() throws IOException {
        Registry registry = Ae4j.registry();
        ConfigCodec codec = new ConfigCodec(registry);
        List<Path> examples = examples();
        assertThat(examples).isNotEmpty();
        for (Path example : examples) {
            ModelConfig config = codec.read(example);
            assertThat(config.build(new long[] {784}, registry).parameterCount()).as(example.toString()).isPositive();
            assertThat(codec.read(codec.toJson(config), "round trip")).isEqualTo(config);
        }
    }

    /**
     * Every example model — conv VAEs, inpainting, watermark removal, mixes of layers and penalties — exports to ONNX
     * and runs under ONNX Runtime with ae4j's outputs.
     */
    @Test
    void everyExampleModelExportsToOnnxWithTheSameOutputs() throws IOException {
        Registry registry = Ae4j.registry();
        ConfigCodec codec = new ConfigCodec(registry);
        List<Path> examples = examples();
        assertThat(examples).hasSizeGreaterThan(5);
        for (Path example : examples) {
            ModelConfig config = codec.read(example);
            org.ae4j.model.Autoencoder model = config.model().build(new long[] {784},
                    new org.ae4j.spi.BuildContext(registry, org.nd4j.linalg.api.buffer.DataType.FLOAT, new org.ae4j.spi.RandomSource(3)));
            org.nd4j.linalg.api.ndarray.INDArray x = org.ae4j.testkit.Fixtures.uniform(4, 0.05, 0.95,
                    org.nd4j.linalg.api.buffer.DataType.FLOAT, 5, 784);
            try {
                org.ae4j.testkit.OnnxRuntimeCheck.assertReproduces(model, x);
            } catch (AssertionError e) {
                throw new AssertionError(example + ": " + e.getMessage(), e);
            }
        }
    }
}
