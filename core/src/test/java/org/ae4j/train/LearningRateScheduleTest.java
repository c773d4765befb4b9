package org.ae4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

    @Test
    void constantIsOneAtEveryStep() {
        LearningRateSchedule constant = LearningRateSchedule.constant();
        assertThat(constant.isConstant()).isTrue();
        for (long step = 0; step < 10; step++) {
            assertThat(constant.factor(step, 10)).isEqualTo(1.0);
        }
        assertThat(new TrainingConfig(1, 1, 0, 0, 0, 0, 1, true, 1, null).schedule()).as("configs written before schedules")
                .isEqualTo(constant);
        assertThat(TrainingConfig.defaults().schedule()).isEqualTo(constant);
    }

    @Test
    void linearWarmsUpToThePeakThenDecaysToZero() {
        LearningRateSchedule s = LearningRateSchedule.linear(10, 0.1);
        assertThat(s.factor(0, 100)).isCloseTo(1.0, within(1e-12));                   // 10 · 1/10 · (1 − 0)
        assertThat(s.factor(4, 100)).isCloseTo(10 * 0.5 * 0.96, within(1e-12));
        assertThat(s.factor(9, 100)).isCloseTo(10 * 0.91, within(1e-12));             // the warm-up's last step
        assertThat(s.factor(50, 100)).isCloseTo(5.0, within(1e-12));
        assertThat(s.factor(99, 100)).isCloseTo(0.1, within(1e-12));
        double previous = Double.POSITIVE_INFINITY;
        for (long step = 10; step < 100; step++) {
            assertThat(s.factor(step, 100)).as("step %d", step).isLessThan(previous);
            previous = s.factor(step, 100);
        }
        assertThat(LearningRateSchedule.linear(2, 0).factor(0, 4)).as("no warm-up").isEqualTo(2.0);
        assertThat(s).hasToString("linear (peak 10×, warm-up 10 %)");
        assertThat(LearningRateSchedule.cosine(2.5, 0.05)).hasToString("cosine (peak 2.5×, warm-up 5 %)");
        assertThat(LearningRateSchedule.constant()).hasToString("constant");
    }

    @Test
    void cosineFollowsTheHalfCosineAfterTheWarmUp() {
        LearningRateSchedule s = LearningRateSchedule.cosine(4, 0.25);
        assertThat(s.factor(0, 8)).isCloseTo(4 * 0.5 * 1.0, within(1e-12));
        assertThat(s.factor(4, 8)).isCloseTo(4 * 0.5 * (1 + Math.cos(Math.PI / 2)), within(1e-12));
        assertThat(s.factor(7, 8)).isCloseTo(4 * 0.5 * (1 + Math.cos(Math.PI * 7 / 8)), within(1e-12));
        assertThat(s.factor(1, 1_000_000)).isCloseTo(4 * 2.0 / 250_000, within(1e-9));
    }

    @Test
    void rejectsBadSettingsAndStepsOutsideTheRun() {
        assertThatThrownBy(() -> new LearningRateSchedule("step", 1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("schedule shape must be one of [constant, cosine, linear], got \"step\"");
        assertThatThrownBy(() -> LearningRateSchedule.linear(0, 0)).hasMessageContaining("peakFactor must be a finite number > 0, got 0.0");
        assertThatThrownBy(() -> LearningRateSchedule.linear(Double.NaN, 0)).hasMessageContaining("got NaN");
        assertThatThrownBy(() -> LearningRateSchedule.cosine(2, 1)).hasMessageContaining("warmupFraction must be in [0, 1), got 1.0");
        assertThatThrownBy(() -> LearningRateSchedule.linear(2, 0.1).factor(10, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("step 10 is outside a run of 10 steps");
        assertThatThrownBy(() -> TrainingConfig.defaults().withSchedule(null)).isInstanceOf(NullPointerException.class);
    }
}
