package org.ae4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.ae4j.Ae4j;
import org.ae4j.persist.ModelFile;
import org.ae4j.persist.SavedModel;
import org.ae4j.registry.Registry;
import org.ae4j.search.IndexFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety: {@code ae4j train} and {@code ae4j index} run in a child JVM that is killed with SIGKILL at a random
 * moment — during start-up, an epoch, a checkpoint write or the model write. After every kill, each file the run
 * writes is either absent or whole (it loads), and resuming from the checkpoint (or restarting when none was written)
 * ends with parameters bit-identical to those of an uninterrupted run. The build makes {@value #ROUNDS} kills;
 * {@code -Dae4j.kill.rounds=50} makes the long run (docs/reliability.md).
 */
class KillTest {

    static final int ROUNDS = 3;
    static final Registry REGISTRY = Ae4j.registry();
    static final List<String> TRAIN = List.of("train", "--variant", "vanilla", "--epochs", "6", "--batch", "64", "--seed", "5",
            "--no-progress");

    @TempDir
    Path dir;

    @Test
    void killedRunsLeaveWholeFilesAndResumeToTheSameParameters() throws Exception {
        Path reference = dir.resolve("reference.ae4j");
        CliTest.Run uninterrupted = CliTest.run(array(TRAIN, "--out", reference.toString()));
        assertThat(uninterrupted.code()).as(uninterrupted.err()).isZero();
        SavedModel expected = ModelFile.load(reference, REGISTRY);

        int rounds = Integer.getInteger("ae4j.kill.rounds", ROUNDS);
        SplittableRandom random = new SplittableRandom(Long.getLong("ae4j.kill.seed", 11));
        int resumed = 0;
        int restarted = 0;
        int finished = 0;
        for (int round = 0; round < rounds; round++) {
            Path out = dir.resolve("run" + round + ".ae4j");
            Path checkpoint = dir.resolve("run" + round + ".ckpt");
            long delay = 1_200 + random.nextLong(3_300);                  // the child takes ~2 s to start and ~2 s to train
            Process child = child(with(TRAIN, "--out", out.toString(), "--checkpoint", checkpoint.toString()));
            boolean exited = child.waitFor(delay, TimeUnit.MILLISECONDS);
            if (!exited) {
                child.destroyForcibly().waitFor();                     // SIGKILL on Linux: no shutdown hook, no finally
            }
            if (Files.exists(out)) {                                    // the model was written: it must be whole and final
                assertParametersEqual(ModelFile.load(out, REGISTRY), expected, "round " + round + " (finished)");
                finished++;
                continue;
            }
            CliTest.Run again;
            if (Files.exists(checkpoint)) {
                ModelFile.load(checkpoint, REGISTRY);                    // whole, or this throws
                again = CliTest.run("train", "--resume", checkpoint.toString(), "--out", out.toString(), "--no-progress");
                resumed++;
            } else {
                again = CliTest.run(array(TRAIN, "--out", out.toString(), "--checkpoint", checkpoint.toString()));
                restarted++;
            }
            assertThat(again.code()).as("round %d: %s", round, again.err()).isZero();
            assertParametersEqual(ModelFile.load(out, REGISTRY), expected, "round " + round);
        }
        System.out.printf("KillTest: %d kills: %d resumed from a checkpoint, %d restarted (killed before the first), %d had "
                + "finished; 0 damaged files%n", rounds, resumed, restarted, finished);

        Path data = dir.resolve("items.csv");
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 784; i++) {
            csv.append(i == 0 ? "" : ",").append("p").append(i);
        }
        csv.append('\n');
        for (int row = 0; row < 2000; row++) {
            for (int i = 0; i < 784; i++) {
                csv.append(i == 0 ? "" : ",").append((i * (row + 7)) % 256);
            }
            csv.append('\n');
        }
        Files.writeString(data, csv);
        for (int round = 0; round < Math.max(1, rounds / 5); round++) {
            Path index = dir.resolve("index" + round + ".ae4jx");
            Process child = child(List.of("index", "--model", reference.toString(), "--data", data.toString(), "--out", index.toString()));
            if (!child.waitFor(500 + random.nextLong(3_000), TimeUnit.MILLISECONDS)) {
                child.destroyForcibly().waitFor();
            }
            if (Files.exists(index)) {
                assertThat(IndexFile.load(index, REGISTRY).codes().size()).isEqualTo(2000);
            }
        }
    }

    private static String[] array(List<String> base, String... more) {
        return with(base, more).toArray(String[]::new);
    }

    private static List<String> with(List<String> base, String... more) {
        List<String> all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return all;
    }

    /** {@code ae4j ARGS} in a child JVM with this test's class path and the Vector API, as the launcher starts it. */
    private Process child(List<String> args) throws IOException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-cp", classPath, Main.class.getName()));
        command.addAll(args);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
    }

    private static void assertParametersEqual(SavedModel actual, SavedModel expected, String what) {
        var a = actual.model().parameters();
        var e = expected.model().parameters();
        assertThat(a).hasSameSizeAs(e);
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i).value()).as("%s: parameter %s", what, e.get(i).name()).isEqualTo(e.get(i).value());
        }
    }
}
