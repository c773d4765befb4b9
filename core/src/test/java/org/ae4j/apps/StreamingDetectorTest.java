package org.ae4j.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.ae4j.TestArrays;
import org.ae4j.data.Dataset;
import org.ae4j.model.Autoencoder;
import org.ae4j.model.TinyModels;
import org.apache.datasketches.req.ReqSketch;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

class StreamingDetectorTest {

    private final Autoencoder model = TinyModels.dense(8, 6, 3, "identity", "masked-mse", DataType.FLOAT, 3, List.of());

    private static INDArray rows(long seed, int n, double scale) {
        return TestArrays.gaussian(seed, scale, n, 8).castTo(DataType.FLOAT);
    }

    @Test
    void rowsInBatchesOfAnySizeScoreAsTheBatchPathAndFlagAgainstBothThresholds() {
        INDArray x = rows(1, 700, 1.0);
        x.putScalar(3, 2, Float.NaN);                               // a missing cell
        double[] batch = AnomalyScorer.reconstructionError(model).scores(Dataset.incomplete(x, null));
        double fixed = batch[10];
        List<StreamingDetector.Drift> drifts = new ArrayList<>();
        StreamingDetector detector = new StreamingDetector(model, OptionalDouble.of(fixed),
                new StreamingDetector.Options(200, 50, 0.05, 0.25), drifts::add);
        List<StreamingDetector.Result> results = new ArrayList<>();
        int[] sizes = {1, 7, 1, 41, 256, 3, 391};
        int from = 0;
        for (int size : sizes) {
            results.addAll(detector.score(x.get(NDArrayIndex.interval(from, from + size), NDArrayIndex.all())));
            from += size;
        }
        assertThat(from).isEqualTo(700);
        assertThat(detector.rows()).isEqualTo(700);
        for (int i = 0; i < 700; i++) {
            StreamingDetector.Result r = results.get(i);
            assertThat(r.row()).isEqualTo(i);
            assertThat(r.score()).as("row " + i).isEqualTo(batch[i]);
            assertThat(r.anomaly()).isEqualTo(batch[i] > fixed);
            if (i < 50) {
                assertThat(r.adaptiveThreshold()).as("warm-up").isNaN();
                assertThat(r.adaptiveAnomaly()).isFalse();
            } else {
                assertThat(r.adaptiveThreshold()).isFinite();
                assertThat(r.adaptiveAnomaly()).isEqualTo(r.score() > r.adaptiveThreshold());
            }
        }
        long flagged = results.stream().skip(200).filter(StreamingDetector.Result::adaptiveAnomaly).count();
        assertThat(flagged / 500.0).as("about the chosen share of rows like the window's").isBetween(0.01, 0.12);
        assertThat(drifts).as("the same distribution throughout").isEmpty();
    }

    @Test
    void aShiftIsReportedWithinTwoWindowsAndTheThresholdFollowsIt() {
        List<StreamingDetector.Drift> drifts = new ArrayList<>();
        StreamingDetector detector = new StreamingDetector(model, OptionalDouble.empty(),
                new StreamingDetector.Options(500, 100, 0.01, 0.25), drifts::add);
        for (int b = 0; b < 6; b++) {
            detector.score(rows(10 + b, 250, 1.0));                 // rows 0–1,499 normal
        }
        double before = detector.adaptiveThreshold();
        assertThat(drifts).isEmpty();
        for (int b = 0; b < 8; b++) {
            detector.score(rows(20 + b, 250, 3.0));                 // rows 1,500– shifted: three times the spread
        }
        assertThat(drifts).isNotEmpty();
        StreamingDetector.Drift first = drifts.get(0);
        assertThat(first.row()).as("reported at the end of the first shifted window").isLessThan(1500 + 2 * 500);
        assertThat(first.psi()).isGreaterThan(0.25);
        assertThat(detector.adaptiveThreshold()).as("the threshold follows the new scores").isGreaterThan(2 * before);
        assertThat(drifts).as("then the new regime is the reference").hasSize(1);
    }

    @Test
    void psiIsNearZeroForTheSameScoresAndGrowsWithTheShift() {
        ReqSketch a = ReqSketch.builder().setHighRankAccuracy(true).build();
        ReqSketch b = ReqSketch.builder().setHighRankAccuracy(true).build();
        ReqSketch c = ReqSketch.builder().setHighRankAccuracy(true).build();
        java.util.SplittableRandom random = new java.util.SplittableRandom(1);
        for (int i = 0; i < 5000; i++) {
            float v = (float) random.nextDouble();
            a.update(v);
            b.update(v);
            c.update(v + 0.3f);
        }
        assertThat(StreamingDetector.psi(a, a)).isZero();
        // sketches compact at random: the same scores in two sketches give a PSI near 0, not 0 (at most 0.027 over 500
        // seeds measured), far below the 0.25 of a drift
        assertThat(StreamingDetector.psi(a, b)).isLessThan(0.1);
        assertThat(StreamingDetector.psi(a, c)).isGreaterThan(1.0);
    }

    @Test
    void refusesBadOptions() {
        assertThatThrownBy(() -> new StreamingDetector.Options(50, 10, 0.01, 0.25)).hasMessage("window must be >= 100 rows, got 50");
        assertThatThrownBy(() -> new StreamingDetector.Options(500, 600, 0.01, 0.25)).hasMessage("warmUp must be in [1, window = 500], got 600");
        assertThatThrownBy(() -> new StreamingDetector.Options(500, 100, 0.5, 0.25)).hasMessage("falsePositiveRate must be in (0, 0.5), got 0.5");
        assertThatThrownBy(() -> new StreamingDetector.Options(500, 100, 0.01, 0)).hasMessage("driftPsi must be a finite number > 0, got 0.0");
    }
}
