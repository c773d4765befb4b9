package org.ae4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ae4j.persist.Npy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Data that cannot be trained on or scored gets exit code 2 and one line saying where and why. */
class InputSanityTest {

    @TempDir
    static Path dir;

    static Path model;

    @BeforeAll
    static void trainAModel() {
        model = CliTest.oneEpochModel(dir);
    }

    private static void refused(String message, String... args) {
        CliTest.assertBadInput(CliTest.run(args), message);
    }

    private static Path npy(String name, INDArray array) throws IOException {
        return Files.write(dir.resolve(name), Npy.write(array));
    }

    @Test
    void nanInTrainingDataAndInfinityInScoringDataAreRefusedByPosition() throws IOException {
        INDArray withNan = Nd4j.rand(DataType.FLOAT, 40, 784);
        withNan.putScalar(3, 5, Float.NaN);
        refused("the first is NaN at example 3, feature 5", "train", "--variant", "vanilla", "--data",
                npy("nan.npy", withNan).toString(), "--epochs", "1", "--out", dir.resolve("n.ae4j").toString());
        INDArray withInf = Nd4j.rand(DataType.FLOAT, 5, 784);
        withInf.putScalar(1, 1, Float.POSITIVE_INFINITY);
        refused("the first is Infinity at example 1, feature 1", "score", "--model", model.toString(), "--input",
                npy("inf.npy", withInf).toString(), "--out", dir.resolve("s.csv").toString());
    }

    @Test
    void rowsNarrowerOrWiderThanTheModelAreRefused() throws IOException {
        refused("has 100 values per example ([100]), but the model takes 784", "score", "--model", model.toString(), "--input",
                npy("narrow.npy", Nd4j.rand(DataType.FLOAT, 5, 100)).toString(), "--out", dir.resolve("s.csv").toString());
        refused("has 900 values per example ([900]), but the model takes 784", "encode", "--model", model.toString(), "--input",
                npy("wide.npy", Nd4j.rand(DataType.FLOAT, 5, 900)).toString());
    }

    @Test
    void aLabelWithOneClassAndATableWithNoRowsAreRefused() throws IOException {
        StringBuilder csv = new StringBuilder("a,b,label\n");
        for (int i = 0; i < 50; i++) {
            csv.append(i).append(',').append(2 * i).append(",normal\n");
        }
        Path oneClass = Files.writeString(dir.resolve("one.csv"), csv);
        refused("the label column 'label' holds a single class (normal) in all 32 training rows", "train", "--data", oneClass.toString(),
                "--label", "label", "--out", dir.resolve("o.ae4j").toString());
        Path empty = Files.writeString(dir.resolve("empty.csv"), "a,b,label\n");
        refused("empty.csv has no data rows", "train", "--data", empty.toString(), "--out", dir.resolve("e.ae4j").toString());
        Path blank = Files.writeString(dir.resolve("blank.csv"), "\n\n");
        CliTest.Run run = CliTest.run("train", "--data", blank.toString(), "--out", dir.resolve("b.ae4j").toString());
        assertThat(run.code()).as(run.err()).isEqualTo(2);
    }
}
