package org.ae4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.ae4j.Ae4j;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchRunnerTest {

    @Test
    void benchmarksAVariantAgainstPcaAndWritesEveryFile(@TempDir Path out) throws IOException {
        List<String> log = new ArrayList<>();
        BenchOptions options = new BenchOptions(Optional.empty(), List.of("vanilla"), 1, 0, 1, 20, 7, out);
        BenchReport report = new BenchRunner(Ae4j.registry(), log::add).run(options, "test");

        assertThat(report.results()).extracting(ModelResult::model).containsExactly("vanilla", "pca-32");
        ModelResult vanilla = report.results().get(0);
        assertThat(vanilla.codeSize()).isEqualTo(32);
        assertThat(vanilla.testMse()).isBetween(0.0, 0.2);
        assertThat(vanilla.pcaMseAtSameCode()).isEqualTo(report.results().get(1).testMse());
        assertThat(vanilla.meanAuroc()).isBetween(0.0, 1.0);
        assertThat(vanilla.aurocByClass()).containsOnlyKeys(0);
        assertThat(vanilla.probeAccuracy()).isBetween(0.1, 1.0);
        assertThat(vanilla.trainLoss()).hasSize(1);
        assertThat(vanilla.peakResidentMb()).isPositive();
        assertThat(log).anyMatch(line -> line.contains("vanilla epoch 1/1"));

        for (String file : List.of("results.json", "results.csv", "report.md", "loss-curves.png", "reconstructions-vanilla.png",
                "latent-vanilla.png", "reconstructions-pca-32.png", "latent-pca-32.png")) {
            assertThat(out.resolve(file)).as(file).isNotEmptyFile();
        }
        assertThat(ImageIO.read(out.resolve("latent-vanilla.png").toFile()).getWidth()).isEqualTo(720);
        JsonNode json = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertThat(json.get("results").get(0).get("model").asText()).isEqualTo("vanilla");
        assertThat(Files.readString(out.resolve("results.json"))).as("a metric that does not apply is null, not a string")
                .doesNotContain("NaN").contains("null");
        assertThat(Files.readAllLines(out.resolve("results.csv"))).hasSize(3);
        assertThat(Files.readString(out.resolve("report.md"))).contains("| vanilla | 32 |").contains("## Metrics")
                .contains("[latent-vanilla.png](latent-vanilla.png)");
    }

    @Test
    void unknownVariantFailsListingTheKnownOnes(@TempDir Path out) {
        BenchOptions options = new BenchOptions(Optional.empty(), List.of("vanila"), 1, 0, 0, 10, 7, out);
        assertThatThrownBy(() -> new BenchRunner(Ae4j.registry(), s -> { }).run(options, "test"))
                .hasMessageStartingWith("unknown variant 'vanila'; known variants: ");
    }

    @Test
    void rejectsInvalidOptions(@TempDir Path out) {
        assertThatThrownBy(() -> new BenchOptions(Optional.empty(), List.of(), 0, 0, 0, 10, 1, out))
                .hasMessage("epochs must be >= 1, got 0");
        assertThatThrownBy(() -> new BenchOptions(Optional.empty(), List.of(), 1, 0, 11, 10, 1, out))
                .hasMessage("anomaly classes must be 0 to 10, got 11");
        assertThatThrownBy(() -> new BenchOptions(Optional.empty(), List.of(), 1, -1, 2, 10, 1, out))
                .hasMessage("steps must be >= 0 (0: train for the epochs), got -1");
    }

    @Test
    void aStepBudgetSetsEpochsAndEarlyStoppingForTheDataAtHand(@TempDir Path out) {
        BenchOptions quick = BenchOptions.quick(out);
        org.ae4j.train.TrainingConfig defaults = org.ae4j.train.TrainingConfig.defaults().withBatchSize(256);
        org.ae4j.train.TrainingConfig sample = quick.training(defaults, 4000);   // 3,600 trained on in batches of 64: 57 steps per epoch
        assertThat(sample.batchSize()).isEqualTo(BenchOptions.BUDGET_BATCH);
        assertThat(sample.epochs()).isEqualTo(BenchOptions.QUICK_STEPS / 57);
        assertThat(sample.validationFraction()).isEqualTo(0.1);
        assertThat(sample.patience()).isEqualTo((int) Math.ceil(BenchOptions.QUICK_STEPS / 10.0 / 57));   // a tenth of the budget
        assertThat(sample.seed()).isEqualTo(quick.seed());
        org.ae4j.train.TrainingConfig oneClass = quick.oneClassTraining(defaults, 400);   // 360 in batches of 64: 6 steps per epoch
        assertThat(oneClass.epochs()).isEqualTo(BenchOptions.QUICK_STEPS / 4 / 6);
        assertThat(oneClass.patience()).isEqualTo((int) Math.ceil(BenchOptions.QUICK_STEPS / 4 / 10.0 / 6));
        assertThat(quick.training(defaults.withBatchSize(16), 4000).batchSize()).isEqualTo(16);   // a smaller default stays
        org.ae4j.train.TrainingConfig byEpochs = new BenchOptions(Optional.empty(), List.of(), 7, 0, 0, 10, 1, out).training(defaults, 4000);
        assertThat(byEpochs.epochs()).isEqualTo(7);
        assertThat(byEpochs.batchSize()).isEqualTo(256);
        assertThat(byEpochs.patience()).isEqualTo(defaults.patience());
    }
}
