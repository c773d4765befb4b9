package org.ae4j.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.ae4j.TestArrays;
import org.ae4j.config.ConfigCodec;
import org.ae4j.config.ModelConfig;
import org.ae4j.config.TinyVariant;
import org.ae4j.data.Dataset;
import org.ae4j.model.Autoencoder;
import org.ae4j.train.Trainer;
import org.ae4j.train.TrainingListener;
import org.ae4j.train.TrainingResult;
import org.ae4j.train.TrainingState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointResumeTest {

    /** Stands in for a kill: throws once the given epoch's checkpoint has been written. */
    static final class Crash implements TrainingListener {
        private final int afterEpoch;

        Crash(int afterEpoch) {
            this.afterEpoch = afterEpoch;
        }

        @Override
        public void onEpochCompleted(TrainingState state) {
            if (state.epochsCompleted() == afterEpoch) {
                throw new IllegalStateException("simulated crash after epoch " + afterEpoch);
            }
        }
    }

    @Test
    void resumingFromTheLastCheckpointEndsExactlyLikeAnUninterruptedRun(@TempDir Path dir) throws IOException {
        for (String training : List.of("{\"epochs\": 5}", "{\"epochs\": 6, \"patience\": 2, \"minDelta\": 0.002}",
                "{\"epochs\": 5, \"schedule\": {\"shape\": \"linear\", \"peakFactor\": 3, \"warmupFraction\": 0.2}}")) {
            ModelConfig config = new ConfigCodec(TinyVariant.REGISTRY)
                    .read("{\"variant\": \"tiny\", \"training\": " + training + "}", "t");
            Dataset data = TestArrays.structured(300, 3);

            Autoencoder uninterrupted = config.build(new long[] {12}, TinyVariant.REGISTRY);
            TrainingResult expected = new Trainer(config.training()).fit(uninterrupted, config.optimizer().create(org.ae4j.kernel.KernelSelection.best()), data);

            Autoencoder interrupted = config.build(new long[] {12}, TinyVariant.REGISTRY);
            Path checkpoint = dir.resolve("run.ckpt.ae4j");
            Checkpointer checkpointer = new Checkpointer(checkpoint, config, interrupted, Optional.empty(), Optional.empty(), "structured",
                    TinyVariant.REGISTRY);
            assertThatThrownBy(() -> new Trainer(config.training(), List.of(checkpointer, new Crash(2)))
                    .fit(interrupted, config.optimizer().create(org.ae4j.kernel.KernelSelection.best()), data))
                    .hasMessage("simulated crash after epoch 2");

            SavedModel saved = ModelFile.load(checkpoint, TinyVariant.REGISTRY);
            assertThat(saved.checkpoint()).isPresent();
            assertThat(saved.checkpoint().get().epochsCompleted()).isEqualTo(2);
            TrainingResult resumed = new Trainer(saved.config().training())
                    .resume(saved.model(), saved.config().optimizer().create(org.ae4j.kernel.KernelSelection.best()), data, saved.checkpoint().get());

            for (int i = 0; i < expected.history().size(); i++) {
                assertThat(resumed.history().get(i).trainLoss()).isEqualTo(expected.history().get(i).trainLoss());
                assertThat(resumed.history().get(i).validationLoss()).isEqualTo(expected.history().get(i).validationLoss());
            }
            assertThat(resumed.history()).hasSameSizeAs(expected.history());
            assertThat(resumed.bestEpoch()).isEqualTo(expected.bestEpoch());
            assertThat(resumed.stoppedEarly()).isEqualTo(expected.stoppedEarly());
            for (int i = 0; i < uninterrupted.parameters().size(); i++) {
                assertThat(saved.model().parameters().get(i).value()).isEqualTo(uninterrupted.parameters().get(i).value());
            }
        }
    }
}
