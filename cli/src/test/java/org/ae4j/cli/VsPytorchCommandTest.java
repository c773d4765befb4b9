package org.ae4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ae4j bench --vs-pytorch} end to end with a stand-in for Python (a shell script printing what
 * a reference script prints), so that the orchestration is tested without torch installed.
 */
class VsPytorchCommandTest {

    @TempDir
    Path dir;

    @Test
    void runsBothSidesAlternatelyAndWritesTheComparison() throws IOException {
        Path data = fashionMnistLike(dir.resolve("data"), 600, 100);
        Path reference = referenceWithVanilla();
        Path calls = dir.resolve("calls.txt");
        Path python = standIn(calls, "init=$(echo \"$@\" | sed -n 's/.*--init \\([^ ]*\\).*/\\1/p')\n"
                + "if [ -n \"$init\" ]; then ls \"$init\" > " + dir.resolve("listing.txt") + "; cp \"$init/params.json\" \"$init/order.npy\" "
                + dir + "; fi\n"
                + "echo \"$OPENBLAS_NUM_THREADS\" > " + dir.resolve("blas.txt") + "\n"
                + "echo 'vanilla epoch 1: loss 0.05' >&2\n");
        Path out = dir.resolve("out");

        CliTest.Run r = CliTest.run("bench", "--vs-pytorch", "--data", data.toString(), "--variants", "vanilla", "--epochs", "2",
                "--rounds", "2", "--workers", "2", "--python", python.toString(), "--reference", reference.toString(), "--out",
                out.toString(), "--json");

        assertThat(r.code()).as(r.err()).isZero();
        List<String> invocations = Files.readAllLines(calls);
        assertThat(invocations).hasSize(2);
        assertThat(invocations.get(0)).contains("vanilla.py").contains("--epochs 2").contains("--batch 256").contains("--seed 12345");
        assertThat(invocations.get(1)).contains("--seed 12346");
        // a dense variant by default: PyTorch's products on OpenBLAS's threads (one per core), torch's own at one
        int cores = Runtime.getRuntime().availableProcessors();
        assertThat(invocations.get(0)).contains("--threads 1");
        assertThat(Files.readString(dir.resolve("blas.txt")).trim()).isEqualTo(String.valueOf(cores));
        // paired: the script was handed ae4j's initial parameters and example order, removed afterwards
        String init = invocations.get(1).replaceAll(".*--init (\\S+).*", "$1");
        assertThat(Path.of(init)).doesNotExist();
        assertThat(Files.readAllLines(dir.resolve("listing.txt"))).contains("00-encoder.0.W.npy", "01-encoder.0.b.npy",
                "11-decoder.2.b.npy", "params.json", "order.npy");
        assertThat(Files.readString(dir.resolve("params.json")).replaceAll("\\s", "")).contains("\"name\":\"encoder.0.W\"")
                .contains("\"shape\":[784,128]");
        byte[] order = Files.readAllBytes(dir.resolve("order.npy"));
        int body = 10 + (order[8] & 0xFF | (order[9] & 0xFF) << 8);
        assertThat(new String(order, 10, body - 10, java.nio.charset.StandardCharsets.US_ASCII)).contains("'<i4'").contains("(2, 600)");
        java.nio.IntBuffer ints = ByteBuffer.wrap(order, body, order.length - body).order(java.nio.ByteOrder.LITTLE_ENDIAN).asIntBuffer();
        int[] second = new int[600];
        ints.get(600, second);
        assertThat(second).as("epoch 2 of round 2").containsExactly(org.ae4j.train.Trainer.shuffleOrder(12346, 2, 600));
        String md = Files.readString(out.resolve("vs-pytorch.md"));
        assertThat(md).contains("| vanilla |").contains("| 1,000 |").contains("0.05000").contains("ae4j workers 2")
                .contains("--workers 2").contains("| 1 / " + cores + " |").contains("each variant's faster setting");
        assertThat(Files.readString(out.resolve("vs-pytorch.json"))).contains("\"ae4jRounds\"").contains("\"pytorchRounds\"");
        assertThat(r.out()).contains("train_ratio").contains("loss_ratio");
    }

    @Test
    void unpairedLeavesTheReferenceToItsOwnStart() throws IOException {
        Path data = fashionMnistLike(dir.resolve("data"), 300, 50);
        Path reference = referenceWithVanilla();
        Path calls = dir.resolve("calls.txt");
        Path python = standIn(calls, "");
        CliTest.Run r = CliTest.run("bench", "--vs-pytorch", "--data", data.toString(), "--variants", "vanilla", "--epochs", "2",
                "--rounds", "1", "--unpaired", "--python", python.toString(), "--reference", reference.toString(),
                "--out", dir.resolve("out").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readString(calls)).doesNotContain("--init");
        assertThat(Files.readString(dir.resolve("out/vs-pytorch.md"))).contains("Unpaired");
    }

    @Test
    void failsClearlyWithoutAReferenceScriptOrWhenItFails() throws IOException {
        Path data = fashionMnistLike(dir.resolve("data"), 300, 50);
        Path reference = Files.createDirectories(dir.resolve("reference"));
        Path python = script("python", "echo 'Traceback: no module named torch' >&2\nexit 1\n");
        CliTest.Run missing = CliTest.run("bench", "--vs-pytorch", "--data", data.toString(), "--variants", "vanilla",
                "--python", python.toString(), "--reference", reference.toString(), "--out", dir.resolve("o").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("no reference script for variant 'vanilla'");

        Files.writeString(reference.resolve("vanilla.py"), "# stand-in\n");
        CliTest.Run failing = CliTest.run("bench", "--vs-pytorch", "--data", data.toString(), "--variants", "vanilla", "--epochs", "2",
                "--rounds", "1", "--python", python.toString(), "--reference", reference.toString(), "--out", dir.resolve("o").toString());
        assertThat(failing.code()).isNotZero();
        assertThat(failing.err()).contains("failed (exit 1)");

        CliTest.Run noData = CliTest.run("bench", "--vs-pytorch", "--variants", "vanilla");
        assertThat(noData.code()).isEqualTo(2);
        assertThat(noData.err()).contains("--vs-pytorch needs --data");
    }

    /** A reference folder with a (stand-in) vanilla.py. */
    private Path referenceWithVanilla() throws IOException {
        Path reference = Files.createDirectories(dir.resolve("reference"));
        Files.writeString(reference.resolve("vanilla.py"), "# stand-in\n");
        return reference;
    }

    /** A stand-in Python: records its arguments in {@code calls}, runs {@code extra}, prints a reference script's JSON. */
    private Path standIn(Path calls, String extra) throws IOException {
        return script("python", "echo \"$@\" >> " + calls + "\n" + extra
                + "echo '{\"epochs\": [{\"epoch\": 1, \"seconds\": 1.0, \"train_loss\": 0.05}, {\"epoch\": 2, \"seconds\": 1.0, "
                + "\"train_loss\": 0.04}], \"train_samples_per_sec\": 1000.0, \"infer_samples_per_sec\": 5000.0, \"test_mse\": 0.05}'\n");
    }

    private Path script(String name, String body) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    private static Path fashionMnistLike(Path data, int train, int test) throws IOException {
        Files.createDirectories(data);
        Random random = new Random(1);
        images(data.resolve("train-images-idx3-ubyte"), train, random);
        labels(data.resolve("train-labels-idx1-ubyte"), train);
        images(data.resolve("t10k-images-idx3-ubyte"), test, random);
        labels(data.resolve("t10k-labels-idx1-ubyte"), test);
        return data;
    }

    private static void images(Path file, int n, Random random) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(16 + n * 784);
        b.putInt(0x00000803).putInt(n).putInt(28).putInt(28);
        byte[] pixels = new byte[n * 784];
        random.nextBytes(pixels);
        b.put(pixels);
        Files.write(file, b.array());
    }

    private static void labels(Path file, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8 + n);
        b.putInt(0x00000801).putInt(n);
        for (int i = 0; i < n; i++) {
            b.put((byte) (i % 10));
        }
        Files.write(file, b.array());
    }
}
