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

/** Every config shipped in examples/ reads, builds a model, and round-trips. */
class ExampleConfigsTest {

    @Test
    void everyExampleConfigIsValid() throws IOException {
        Registry registry = Ae4j.registry();
        ConfigCodec codec = new ConfigCodec(registry);
        List<Path> examples;
        try (Stream<Path> files = Files.list(Path.of("..", "examples"))) {
            examples = files.filter(p -> p.toString().matches(".*\\.(json|ya?ml)$")).sorted().toList();
        }
        assertThat(examples).isNotEmpty();
        for (Path example : examples) {
            ModelConfig config = codec.read(example);
            assertThat(config.build(new long[] {784}, registry).parameterCount()).as(example.toString()).isPositive();
            assertThat(codec.read(codec.toJson(config), "round trip")).isEqualTo(config);
        }
    }
}
