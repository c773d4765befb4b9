package org.ae4j.denoising;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.Stream;
import org.ae4j.spi.Corruption;
import org.ae4j.spi.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class CorruptionTest {

    static INDArray images(int n, int per) {
        return org.ae4j.testkit.Fixtures.uniform(119, 0, 1, DataType.FLOAT, n, per).muli(0.8).addi(0.1); // values in [0.1, 0.9]
    }

    static Stream<Corruption> corruptions() {
        // examples are 3 channels of 16 × 16
        return Stream.of(GaussianNoise.defaults().create(org.ae4j.kernel.KernelSelection.best()), MaskingNoise.defaults(), SaltAndPepper.defaults(), Grayscale.defaults(),
                new Occlusion("patches", 8, 1, 0, 0.5, 7, 2, 3, 0), new Occlusion("watermark", 8, 1, 1, 0.5, 7, 2, 3, 16));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corruptions")
    void neverModifiesTheCleanBatchAndIsSeeded(Corruption corruption) {
        INDArray clean = images(8, 3 * 16 * 16);
        INDArray copy = clean.dup();
        INDArray a = corruption.corrupt(clean, new RandomSource(4));
        INDArray b = corruption.corrupt(clean, new RandomSource(4));
        assertThat(clean).isEqualTo(copy);
        assertThat(a).isEqualTo(b);
        assertThat(a.shape()).isEqualTo(clean.shape());
        assertThat(a).isNotEqualTo(clean);
    }

    @Test
    void gaussianNoiseHasTheRequestedSpread() {
        INDArray clean = images(100, 784);
        INDArray noise = new GaussianNoise(0.3, false).create(org.ae4j.kernel.KernelSelection.best()).corrupt(clean, new RandomSource(1)).subi(clean);
        assertThat(noise.meanNumber().doubleValue()).isCloseTo(0, within(0.005));
        assertThat(noise.stdNumber().doubleValue()).isCloseTo(0.3, within(0.005));
        INDArray clipped = new GaussianNoise(2.0, true).create(org.ae4j.kernel.KernelSelection.best()).corrupt(clean, new RandomSource(1));
        assertThat(clipped.minNumber().doubleValue()).isEqualTo(0.0);
        assertThat(clipped.maxNumber().doubleValue()).isEqualTo(1.0);
    }

    @Test
    void maskingZeroesTheRequestedFractionAndKeepsTheRest() {
        INDArray clean = images(100, 784);
        INDArray masked = new MaskingNoise(0.3).corrupt(clean, new RandomSource(1));
        double zeros = masked.eq(0).castTo(DataType.DOUBLE).meanNumber().doubleValue();
        assertThat(zeros).isCloseTo(0.3, within(0.01));
        INDArray kept = masked.neq(0).castTo(DataType.FLOAT);
        assertThat(masked).isEqualTo(clean.mul(kept));
    }

    @Test
    void saltAndPepperReplacesTheRequestedFractionHalfEachWay() {
        INDArray clean = images(100, 784);
        INDArray noisy = new SaltAndPepper(0.2, 0, 1).corrupt(clean, new RandomSource(1));
        assertThat(noisy.eq(0).castTo(DataType.DOUBLE).meanNumber().doubleValue()).isCloseTo(0.1, within(0.01));
        assertThat(noisy.eq(1).castTo(DataType.DOUBLE).meanNumber().doubleValue()).isCloseTo(0.1, within(0.01));
    }

    @Test
    void grayscaleWritesTheLumaToEveryChannel() {
        INDArray rgb = Nd4j.create(new float[] {1, 0, 0.5f, 0.2f, 0, 1}, new long[] {1, 6}, DataType.FLOAT); // 3 channels × 2 pixels
        INDArray grey = Grayscale.defaults().corrupt(rgb, new RandomSource(1));
        double pixel0 = 0.299 * 1 + 0.587 * 0.5 + 0.114 * 0;
        double pixel1 = 0.299 * 0 + 0.587 * 0.2 + 0.114 * 1;
        assertThat(grey.toDoubleVector()).containsExactly(new double[] {pixel0, pixel1, pixel0, pixel1, pixel0, pixel1}, within(1e-6));
        assertThatThrownBy(() -> Grayscale.defaults().corrupt(Nd4j.zeros(DataType.FLOAT, 2, 7), new RandomSource(1)))
                .hasMessage("grayscale with 3 channels needs examples whose size is a multiple of 3, got 7");
    }

    @Test
    void patchesCoverTheirAreaWithTheValue() {
        INDArray clean = images(20, 28 * 28);
        INDArray occluded = new Occlusion("patches", 6, 1, 0, 0.5, 7, 2, 1, 0).corrupt(clean, new RandomSource(2));
        for (int i = 0; i < 20; i++) {
            assertThat(occluded.getRow(i).eq(0).castTo(DataType.DOUBLE).sumNumber().intValue()).isEqualTo(36);
        }
    }

    @Test
    void watermarkBlendsStripesOnly() {
        INDArray clean = Nd4j.zeros(DataType.FLOAT, 1, 28 * 28);
        INDArray marked = Occlusion.watermark().corrupt(clean, new RandomSource(2));
        double[] v = marked.toDoubleVector();
        long striped = java.util.Arrays.stream(v).filter(x -> x == 0.5).count();
        long untouched = java.util.Arrays.stream(v).filter(x -> x == 0).count();
        assertThat(striped + untouched).isEqualTo(784);
        assertThat((double) striped / 784).isCloseTo(2.0 / 7, within(0.03));
    }

    @Test
    void rejectsInvalidSettings() {
        assertThatThrownBy(() -> new GaussianNoise(-1, false)).hasMessage("gaussian sigma must be a finite number >= 0, got -1.0");
        assertThatThrownBy(() -> new MaskingNoise(1.5)).hasMessage("masking fraction must be in [0, 1], got 1.5");
        assertThatThrownBy(() -> new Occlusion("blur", 8, 1, 0, 0.5, 7, 2, 1, 0))
                .hasMessage("occlusion mode must be \"patches\" or \"watermark\", got \"blur\"");
        assertThatThrownBy(() -> new Grayscale(List.of(0.5, 0.6))).hasMessageStartingWith("grayscale weights must be");
        assertThatThrownBy(() -> Occlusion.defaults().corrupt(Nd4j.zeros(DataType.FLOAT, 2, 30), new RandomSource(1)))
                .hasMessage("occlusion cannot lay out 30 pixels per channel as an image of width sqrt(30); set \"width\"");
    }
}
