package org.ae4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.ae4j.TestArrays;
import org.ae4j.data.Dataset;
import org.ae4j.model.Autoencoder;
import org.ae4j.model.TinyModels;
import org.ae4j.optim.AdamSpec;
import org.ae4j.optim.SgdSpec;
import org.ae4j.spi.Optimizer;
import org.ae4j.spi.Parameter;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class TrainerTest {

    static Dataset data(int n, int width, long seed) {
        return Dataset.of(TestArrays.uniform(seed, 0, 1, n, width).castTo(DataType.FLOAT));
    }

    static Autoencoder model(long seed) {
        return TinyModels.dense(12, 8, 4, "sigmoid", "mse", DataType.FLOAT, seed, List.of());
    }

    static TrainingConfig config() {
        return TrainingConfig.defaults().withEpochs(4).withBatchSize(16).withSeed(7);
    }

    private static List<Double> losses(TrainingResult result) {
        List<Double> all = new ArrayList<>();
        result.history().forEach(m -> {
            all.add(m.trainLoss());
            all.add(m.validationLoss());
        });
        return all;
    }

    @Test
    void sameSeedGivesBitIdenticalLosses() {
        Dataset d = data(200, 12, 1);
        TrainingResult a = new Trainer(config()).fit(model(3), AdamSpec.defaults().create(org.ae4j.kernel.KernelSelection.best()), d);
        TrainingResult b = new Trainer(config()).fit(model(3), AdamSpec.defaults().create(org.ae4j.kernel.KernelSelection.best()), d);
        assertThat(losses(a)).containsExactlyElementsOf(losses(b));
        TrainingResult c = new Trainer(config().withSeed(8)).fit(model(3), AdamSpec.defaults().create(org.ae4j.kernel.KernelSelection.best()), d);
        assertThat(losses(c)).isNotEqualTo(losses(a));
    }

    @Test
    void fitVisitsTheExamplesInShuffleOrder() {
        Dataset d = data(100, 12, 1);
        TrainingConfig cfg = config().withEpochs(2).withValidationFraction(0).withBatchSize(16);
        Autoencoder fitted = model(3);
        new Trainer(cfg).fit(fitted, new SgdSpec(0.5, 0.9, false).create(org.ae4j.kernel.KernelSelection.best()), d);

        Autoencoder replayed = model(3);
        Optimizer sgd = new SgdSpec(0.5, 0.9, false).create(org.ae4j.kernel.KernelSelection.best());
        org.ae4j.spi.RandomSource unused = new org.ae4j.spi.RandomSource(0);
        for (int epoch = 1; epoch <= 2; epoch++) {
            int[] order = Trainer.shuffleOrder(cfg.seed(), epoch, d.size());
            assertThat(order).as("a permutation").hasSize(100).containsExactlyInAnyOrder(java.util.stream.IntStream.range(0, 100).toArray());
            for (int from = 0; from < d.size(); from += 16) {
                int[] rows = java.util.Arrays.copyOfRange(order, from, Math.min(from + 16, d.size()));
                replayed.trainingStep(d.features().getRows(rows), org.ae4j.model.StepContext.of(unused, unused, epoch));
                sgd.step(replayed.parameters());
            }
        }
        for (int i = 0; i < fitted.parameters().size(); i++) {
            assertThat(replayed.parameters().get(i).value()).as(fitted.parameters().get(i).name())
                    .isEqualTo(fitted.parameters().get(i).value());
        }
        assertThat(Trainer.shuffleOrder(cfg.seed(), 1, 100)).isNotEqualTo(Trainer.shuffleOrder(cfg.seed(), 2, 100))
                .isNotEqualTo(Trainer.shuffleOrder(cfg.seed() + 1, 1, 100));
    }

    @Test
    void followsTheLearningRateScheduleStepByStep() {
        Dataset d = data(100, 12, 1);
        LearningRateSchedule schedule = LearningRateSchedule.linear(4, 0.25);
        TrainingConfig cfg = config().withEpochs(2).withValidationFraction(0).withBatchSize(16).withSchedule(schedule);
        Autoencoder fitted = model(3);
        Optimizer fittedSgd = new SgdSpec(0.5, 0.9, false).create(org.ae4j.kernel.KernelSelection.best());
        new Trainer(cfg).fit(fitted, fittedSgd, d);

        Autoencoder replayed = model(3);
        Optimizer sgd = new SgdSpec(0.5, 0.9, false).create(org.ae4j.kernel.KernelSelection.best());
        org.ae4j.spi.RandomSource unused = new org.ae4j.spi.RandomSource(0);
        long steps = 2L * d.batchCount(16);
        long step = 0;
        for (int epoch = 1; epoch <= 2; epoch++) {
            int[] order = Trainer.shuffleOrder(cfg.seed(), epoch, d.size());
            for (int from = 0; from < d.size(); from += 16) {
                int[] rows = java.util.Arrays.copyOfRange(order, from, Math.min(from + 16, d.size()));
                replayed.trainingStep(d.features().getRows(rows), org.ae4j.model.StepContext.of(unused, unused, epoch));
                sgd.scaleLearningRate(schedule.factor(step++, steps));
                sgd.step(replayed.parameters());
            }
        }
        for (int i = 0; i < fitted.parameters().size(); i++) {
            assertThat(replayed.parameters().get(i).value()).as(fitted.parameters().get(i).name())
                    .isEqualTo(fitted.parameters().get(i).value());
        }
        Autoencoder constant = model(3);
        new Trainer(cfg.withSchedule(LearningRateSchedule.constant()))
                .fit(constant, new SgdSpec(0.5, 0.9, false).create(org.ae4j.kernel.KernelSelection.best()), d);
        assertThat(constant.parameters().get(0).value()).as("the schedule changes the run")
                .isNotEqualTo(fitted.parameters().get(0).value());
    }

    @Test
    void refusesAScheduleForAnOptimizerThatCannotScaleItsRateBeforeTraining() {
        Autoencoder model = model(3);
        INDArray before = model.parameters().get(0).value().dup();
        Optimizer plain = new ObservedOptimizer(AdamSpec.defaults().create(org.ae4j.kernel.KernelSelection.best()), p -> { }, p -> { });
        TrainingConfig cfg = config().withSchedule(LearningRateSchedule.cosine(3, 0.1));
        assertThatThrownBy(() -> new Trainer(cfg).fit(model, plain, data(64, 12, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("training.schedule cosine (peak 3×, warm-up 10 %)")
                .hasMessageContaining("does not support learning-rate schedules");
        assertThat(model.parameters().get(0).value()).as("nothing trained").isEqualTo(before);
    }

    @Test
    void lossDecreasesOnLearnableData() {
        TrainingResult result = new Trainer(config().withEpochs(20)).fit(model(3), new AdamSpec(0.01, 0.9, 0.999, 1e-8).create(org.ae4j.kernel.KernelSelection.best()),
                TestArrays.structured(400, 2));
        assertThat(result.last().trainLoss()).isLessThan(0.3 * result.history().get(0).trainLoss());
        assertThat(result.last().validationLoss()).isLessThan(0.3 * result.history().get(0).validationLoss());
        assertThat(result.history()).hasSize(20);
        assertThat(result.stoppedEarly()).isFalse();
    }

    @Test
    void guardStopsOnDivergenceWithoutApplyingTheDivergingUpdate() {
        Autoencoder model = TinyModels.dense(12, 8, 4, "identity", "mse", DataType.FLOAT, 3, List.of());
        Dataset huge = Dataset.of(TestArrays.uniform(1, 0, 1e4, 64, 12).castTo(DataType.FLOAT));
        List<INDArray> beforeEachStep = new ArrayList<>();
        Optimizer sgd = new SgdSpec(10.0, 0.0, false).create(org.ae4j.kernel.KernelSelection.best());
        Optimizer recording = new ObservedOptimizer(sgd, parameters -> { }, parameters -> {
            beforeEachStep.clear();
            parameters.forEach(p -> beforeEachStep.add(p.value().detach()));   // steps run in a workspace
        });
        TrainingConfig config = config().withEpochs(50).withValidationFraction(0);
        assertThatThrownBy(() -> new Trainer(config).fit(model, recording, huge))
                .isInstanceOf(DivergenceException.class)
                .hasMessageStartingWith("training diverged at epoch ")
                .hasMessageContaining("loss is ");
        for (int i = 0; i < beforeEachStep.size(); i++) {
            assertThat(model.parameters().get(i).value()).isEqualTo(beforeEachStep.get(i));
        }
        assertThat(new org.ae4j.util.StepMemory("ae4j-training-step").reservedBytes())
                .as("the step memory is released when training stops on divergence").isZero();
    }

    @Test
    void earlyStoppingStopsAfterPatienceAndRestoresTheBestParameters() {
        List<List<INDArray>> perEpoch = new ArrayList<>();
        Autoencoder model = model(3);
        TrainingListener recorder = new TrainingListener() {
            @Override
            public void onEpochEnd(EpochMetrics metrics) {
                perEpoch.add(model.parameters().stream().map(p -> p.value().dup()).toList());
            }
        };
        // a minimum improvement no epoch can reach: only the first epoch counts as an improvement
        TrainingConfig config = config().withEpochs(10).withValidationFraction(0.2).withEarlyStopping(2, 1e6);
        TrainingResult result = new Trainer(config, List.of(recorder)).fit(model, AdamSpec.defaults().create(org.ae4j.kernel.KernelSelection.best()), data(200, 12, 1));
        assertThat(result.history()).hasSize(3);
        assertThat(result.stoppedEarly()).isTrue();
        assertThat(result.bestEpoch()).isEqualTo(1);
        for (int i = 0; i < model.parameters().size(); i++) {
            assertThat(model.parameters().get(i).value()).isEqualTo(perEpoch.get(0).get(i));
        }
    }

    @Test
    void earlyStoppingNeedsValidationData() {
        TrainingConfig config = config().withValidationFraction(0).withEarlyStopping(2, 0);
        assertThatThrownBy(() -> new Trainer(config).fit(model(1), AdamSpec.defaults().create(org.ae4j.kernel.KernelSelection.best()), data(50, 12, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("early stopping (patience 2) needs validation data: set validationFraction > 0 or pass a validation set");
    }

    @Test
    void clipsTheGlobalGradientNorm() {
        double clip = 1e-3;
        List<Double> norms = new ArrayList<>();
        Optimizer adam = AdamSpec.defaults().create(org.ae4j.kernel.KernelSelection.best());
        Optimizer measuring = new ObservedOptimizer(adam, parameters -> {
            double sum = 0;
            for (Parameter p : parameters) {
                sum += Math.pow(p.gradient().norm2Number().doubleValue(), 2);
            }
            norms.add(Math.sqrt(sum));
        }, parameters -> { });
        new Trainer(config().withClipNorm(clip)).fit(model(1), measuring, data(100, 12, 1));
        assertThat(norms).isNotEmpty().allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(clip * 1.0001));
    }

    @Test
    void reportsProgressForEveryBatch() {
        List<BatchProgress> seen = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onBatchEnd(BatchProgress progress) {
                seen.add(progress);
            }
        };
        new Trainer(config().withValidationFraction(0), List.of(listener, new ProgressLogger()))
                .fit(model(1), AdamSpec.defaults().create(org.ae4j.kernel.KernelSelection.best()), data(100, 12, 1));
        assertThat(seen).hasSize(4 * 7);
        BatchProgress last = seen.get(seen.size() - 1);
        assertThat(last.epoch()).isEqualTo(4);
        assertThat(last.batch()).isEqualTo(7);
        assertThat(last.examples()).isEqualTo(100);
        assertThat(last.etaSeconds()).isZero();
    }

    @Test
    void rejectsDataOfTheWrongShape() {
        assertThatThrownBy(() -> new Trainer(config()).fit(model(1), AdamSpec.defaults().create(org.ae4j.kernel.KernelSelection.best()), data(50, 13, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the model takes examples of shape [12], but the training data has [13]");
    }

    @Test
    void rejectsInvalidConfiguration() {
        assertThatThrownBy(() -> config().withEpochs(-1)).hasMessage("epochs must be >= 1, got -1");
        assertThatThrownBy(() -> config().withBatchSize(0)).hasMessage("batchSize must be >= 1, got 0");
        assertThatThrownBy(() -> config().withValidationFraction(1.0)).hasMessage("validationFraction must be in [0, 1), got 1.0");
        assertThatThrownBy(() -> config().withWorkers(-1)).hasMessage("workers must be in [1, 256], or 0 for one per core, got -1");
        assertThatThrownBy(() -> config().withWorkers(257)).hasMessage("workers must be in [1, 256], or 0 for one per core, got 257");
        assertThat(config().withWorkers(TrainingConfig.AUTO_WORKERS).workerCount()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(TrainingConfig.defaults().workers()).as("one worker per core by default").isEqualTo(TrainingConfig.AUTO_WORKERS);
    }

    @Test
    void dataParallelTrainingIsReproducibleAndLearnsLikeOneWorker() {
        Dataset d = data(201, 12, 1);                     // 201 = 180 training + 21 validation: last batch 180 % 16 = 4
        TrainingConfig parallel = config().withEpochs(6).withWorkers(2);
        TrainingResult a = new Trainer(parallel).fit(model(3), AdamSpec.defaults().create(org.ae4j.kernel.KernelSelection.best()), d);
        TrainingResult b = new Trainer(parallel).fit(model(3), AdamSpec.defaults().create(org.ae4j.kernel.KernelSelection.best()), d);
        TrainingResult single = new Trainer(config().withEpochs(6)).fit(model(3), AdamSpec.defaults().create(org.ae4j.kernel.KernelSelection.best()), d);
        assertThat(losses(a)).containsExactlyElementsOf(losses(b));
        double last = a.history().get(5).validationLoss();
        double singleLast = single.history().get(5).validationLoss();
        assertThat(last).isLessThan(a.history().get(0).validationLoss());
        assertThat(Math.abs(last - singleLast) / singleLast).as("validation loss, 2 workers vs 1").isLessThan(0.02);
    }

    @Test
    void dataParallelFloatGradientMatchesTheWholeBatch() {
        INDArray x = data(37, 12, 5).features();             // slices of 18 and 19, fused float kernels
        Autoencoder whole = model(4);
        whole.computeGradients(x, x, org.ae4j.model.StepContext.of(new org.ae4j.spi.RandomSource(1)));
        INDArray expected = org.ae4j.spi.ParameterBlock.of(whole.parameters()).orElseThrow().gradients().dup();
        Autoencoder sliced = model(4);
        org.ae4j.util.StepMemory memory = new org.ae4j.util.StepMemory("trainer-test-parallel");
        try (DataParallelStep step = new DataParallelStep(sliced, 2, memory)) {
            step.startEpoch(new org.ae4j.spi.RandomSource(1), new org.ae4j.spi.RandomSource(2));
            step.step(x, 1);
            INDArray tiny = x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1));   // fewer rows than lanes: trained whole
            step.step(tiny, 1);
            Autoencoder reference = model(4);
            reference.computeGradients(tiny, tiny, org.ae4j.model.StepContext.of(new org.ae4j.spi.RandomSource(1)));
            assertThat(sliced.parameters().get(0).gradient()).isEqualTo(reference.parameters().get(0).gradient());
            step.step(x, 1);
        }
        INDArray actual = org.ae4j.spi.ParameterBlock.of(sliced.parameters()).orElseThrow().gradients();
        assertThat(actual.sub(expected).norm2Number().doubleValue() / expected.norm2Number().doubleValue()).isLessThan(1e-6);
    }

    @Test
    void lanesUpdatingTheirRangesGiveTheUpdateOfTheWholeBlock() {
        INDArray x = data(37, 12, 5).features();
        INDArray tiny = x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1));     // fewer rows than lanes
        INDArray diverging = x.dup();
        diverging.putScalar(3, 2, Double.NaN);
        for (org.ae4j.spi.OptimizerSpec spec : List.<org.ae4j.spi.OptimizerSpec>of(AdamSpec.defaults(), new SgdSpec(0.1, 0.9, true),
                org.ae4j.optim.RmsPropSpec.defaults())) {
            Autoencoder inLanes = model(4);
            org.ae4j.spi.ElementwiseOptimizer ranged = (org.ae4j.spi.ElementwiseOptimizer) spec.create(org.ae4j.kernel.KernelSelection.best());
            assertThat(ranged.prepareRanges(inLanes.parameters())).isTrue();
            org.ae4j.util.StepMemory memory = new org.ae4j.util.StepMemory("trainer-test-ranges");
            try (DataParallelStep step = new DataParallelStep(inLanes, 2, memory)) {
                step.startEpoch(new org.ae4j.spi.RandomSource(1), new org.ae4j.spi.RandomSource(2));
                for (INDArray batch : List.of(x, tiny, x, x)) {
                    step.step(batch, 1, ranged);
                }
                List<INDArray> before = inLanes.parameters().stream().map(p -> p.value().dup()).toList();
                assertThat(step.step(diverging, 1, ranged).total()).isNaN();
                for (int i = 0; i < before.size(); i++) {
                    assertThat(inLanes.parameters().get(i).value()).as("no update on a diverging batch").isEqualTo(before.get(i));
                }
            }
            Autoencoder after = model(4);
            Optimizer whole = spec.create(org.ae4j.kernel.KernelSelection.best());
            try (DataParallelStep step = new DataParallelStep(after, 2, memory)) {
                step.startEpoch(new org.ae4j.spi.RandomSource(1), new org.ae4j.spi.RandomSource(2));
                for (INDArray batch : List.of(x, tiny, x, x)) {
                    step.step(batch, 1);
                    whole.step(after.parameters());
                }
            }
            assertThat(ranged.iterations()).isEqualTo(4).isEqualTo(whole.iterations());
            for (int i = 0; i < after.parameters().size(); i++) {
                assertThat(inLanes.parameters().get(i).value()).as(spec + " " + after.parameters().get(i).name())
                        .isEqualTo(after.parameters().get(i).value());
            }
        }
    }

    @Test
    void dataParallelTrainingNeedsOneParameterBlock() {
        Autoencoder floats = model(3);
        Autoencoder doubles = TinyModels.dense(12, 8, 4, "sigmoid", "mse", DataType.DOUBLE, 3, List.of());
        Autoencoder mixed = new Autoencoder(org.ae4j.kernel.KernelSelection.best(), floats.encoder(), floats.bottleneck(), doubles.decoder(), doubles.loss());
        assertThatThrownBy(() -> new Trainer(config().withEpochs(1).withWorkers(2)).fit(mixed, AdamSpec.defaults().create(org.ae4j.kernel.KernelSelection.best()),
                data(40, 12, 1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("workers = 2 needs the model's parameters packed in one block (one data type); this model's are not");
        TrainingConfig auto = config().withEpochs(1).withWorkers(TrainingConfig.AUTO_WORKERS);
        assertThat(Trainer.workers(auto, mixed)).as("one worker per core falls back to one for such a model").isEqualTo(1);
    }
}
