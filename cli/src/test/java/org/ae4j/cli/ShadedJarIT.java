package org.ae4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the shaded jar as users do: proves its merged META-INF/services still find ND4J's backend and
 * every plug-in, and that exit codes reach the shell.
 */
class ShadedJarIT {

    static final Path JAR = Path.of("target", "ae4j.jar");

    record Result(int code, String out, String err) {
    }

    static Result java(Path workDir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Path out = workDir.resolve("out.txt");
        Path err = workDir.resolve("err.txt");
        Process p = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).as("finished in time").isTrue();
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void trainsAndEvaluatesFromTheShadedJar(@TempDir Path dir) throws Exception {
        Result variants = java(dir, "variants");
        assertThat(variants.code()).as(variants.err()).isZero();
        assertThat(variants.out()).contains("vanilla").contains("ae4j-core");

        Result train = java(dir, "train", "--variant", "vanilla", "--epochs", "1", "--out", "m.ae4j", "--json");
        assertThat(train.code()).as(train.err()).isZero();
        assertThat(train.out()).contains("\"train_samples_per_sec\"");

        Result evaluate = java(dir, "evaluate", "--model", "m.ae4j", "--json");
        assertThat(evaluate.code()).as(evaluate.err()).isZero();
        assertThat(evaluate.out()).contains("\"test_mse\"");

        Result bad = java(dir, "evaluate", "--model", "missing.ae4j");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err().strip()).isEqualTo("ae4j evaluate: ae4j model file missing.ae4j does not exist");
    }
}
