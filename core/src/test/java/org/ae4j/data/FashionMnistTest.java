package org.ae4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {

    @Test
    void embeddedSampleHasTheAdvertisedSizesAndEveryClass() {
        FashionMnist.Splits sample = FashionMnist.sample();
        assertThat(sample.train().size()).isEqualTo(FashionMnist.SAMPLE_TRAIN);
        assertThat(sample.test().size()).isEqualTo(FashionMnist.SAMPLE_TEST);
        assertThat(sample.train().exampleShape()).containsExactly(784);
        assertThat(sample.train().features().maxNumber().doubleValue()).isEqualTo(255.0);
        assertThat(sample.train().features().minNumber().doubleValue()).isEqualTo(0.0);
        int[] labels = sample.train().labels().orElseThrow();
        assertThat(Arrays.stream(labels).distinct().sorted().toArray()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void loadsADirectoryOfRawFiles(@TempDir Path dir) throws IOException {
        writeSet(dir, "train", 3, 28);
        writeSet(dir, "t10k", 2, 28);
        FashionMnist.Splits splits = FashionMnist.load(dir);
        assertThat(splits.train().size()).isEqualTo(3);
        assertThat(splits.test().labels().orElseThrow()).containsExactly(0, 1);
    }

    @Test
    void rejectsImagesOfTheWrongSize(@TempDir Path dir) throws IOException {
        writeSet(dir, "train", 3, 27);
        writeSet(dir, "t10k", 2, 28);
        assertThatThrownBy(() -> FashionMnist.load(dir))
                .isInstanceOf(IdxFormatException.class)
                .hasMessageEndingWith("train-images-idx3-ubyte: expected images [n, 28, 28], got [3, 27, 27]");
    }

    @Test
    void rejectsAMissingFile(@TempDir Path dir) throws IOException {
        writeSet(dir, "train", 3, 28);
        assertThatThrownBy(() -> FashionMnist.load(dir))
                .isInstanceOf(IOException.class)
                .hasMessage("no Fashion-MNIST file t10k-images-idx3-ubyte[.gz] in " + dir);
    }

    @Test
    void rejectsLabelsOutsideTheTenClasses(@TempDir Path dir) throws IOException {
        writeSet(dir, "train", 3, 28);
        writeSet(dir, "t10k", 2, 28);
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), IdxFileTest.idx(0x08, new int[] {2}, new byte[] {1, 10}));
        assertThatThrownBy(() -> FashionMnist.load(dir))
                .isInstanceOf(IdxFormatException.class)
                .hasMessageEndingWith("t10k-labels-idx1-ubyte: label 10 of example 1 is not a class 0…9");
    }

    private static void writeSet(Path dir, String prefix, int n, int side) throws IOException {
        Files.write(dir.resolve(prefix + "-images-idx3-ubyte"),
                IdxFileTest.idx(0x08, new int[] {n, side, side}, new byte[n * side * side]));
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) i;
        }
        Files.write(dir.resolve(prefix + "-labels-idx1-ubyte"), IdxFileTest.idx(0x08, new int[] {n}, labels));
    }
}
