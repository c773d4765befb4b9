package org.ae4j.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ae4j.optim.AdamSpec;
import org.ae4j.optim.SgdSpec;
import org.ae4j.regularize.WeightDecaySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCodecTest {

    final ConfigCodec codec = new ConfigCodec(TinyVariant.REGISTRY);

    @Test
    void aVariantNameAloneGivesTheVariantsDefaults() {
        ModelConfig config = codec.read("{\"variant\": \"tiny\"}", "test");
        assertThat(config).isEqualTo(ModelConfig.defaults(new TinyVariant()));
    }

    @Test
    void overridesAnyPartAndKeepsTheRest() {
        ModelConfig config = codec.read("""
                {"variant": "tiny",
                 "model": {"code": 2},
                 "regularizers": [{"type": "weight-decay", "lambda": 0.001}, {"type": "weight-decay"}],
                 "optimizer": {"learningRate": 0.5},
                 "training": {"epochs": 7, "seed": 99}}""", "test");
        assertThat(config.model()).isEqualTo(new TinyVariant.TinySpec(8, 2, "tanh", "mse"));
        assertThat(config.regularizers()).containsExactly(new WeightDecaySpec(0.001), WeightDecaySpec.defaults());
        assertThat(config.optimizer()).isEqualTo(new AdamSpec(0.5, 0.9, 0.999, 1e-8));
        assertThat(config.training()).isEqualTo(new TinyVariant().training().withEpochs(7).withSeed(99));
    }

    @Test
    void switchingTheOptimizerTypeStartsFromThatTypesDefaults() {
        ModelConfig config = codec.read("{\"variant\": \"tiny\", \"optimizer\": {\"type\": \"sgd\", \"momentum\": 0.5}}", "test");
        assertThat(config.optimizer()).isEqualTo(new SgdSpec(SgdSpec.defaults().learningRate(), 0.5, false));
    }

    @Test
    void writtenConfigReadsBackEqual() {
        ModelConfig original = codec.read("""
                {"variant": "tiny", "model": {"hidden": 5, "activation": "relu"},
                 "regularizers": [{"type": "weight-decay", "lambda": 0.25}],
                 "optimizer": {"type": "rmsprop", "decay": 0.8}, "training": {"clipNorm": 2.5, "patience": 3}}""", "test");
        String json = codec.toJson(original);
        assertThat(json).contains("\"type\" : \"rmsprop\"").doesNotContain("org.ae4j");
        assertThat(codec.read(json, "written")).isEqualTo(original);
    }

    @Test
    void readsYaml(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("model.yaml");
        Files.writeString(file, "variant: tiny\ntraining:\n  epochs: 11\noptimizer:\n  type: sgd\n");
        ModelConfig config = codec.read(file);
        assertThat(config.training().epochs()).isEqualTo(11);
        assertThat(config.optimizer()).isEqualTo(SgdSpec.defaults());
    }

    @Test
    void rejectsMalformedJsonWithItsLocation() {
        assertThatThrownBy(() -> codec.read("{\"variant\": \"tiny\",, }", "bad.json"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("bad.json: malformed JSON: ")
                .hasMessageContaining("(line 1, column");
    }

    @Test
    void rejectsAnUnknownVariantListingTheKnownOnes() {
        assertThatThrownBy(() -> codec.read("{\"variant\": \"tinny\"}", "c.json"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("c.json: $.variant: unknown variant 'tinny'; known variants: tiny");
    }

    @Test
    void rejectsAMissingVariant() {
        assertThatThrownBy(() -> codec.read("{\"training\": {}}", "c.json"))
                .hasMessage("c.json: $.variant: required, the name of a variant; known variants: tiny");
    }

    @Test
    void readsALearningRateScheduleAndWritesItBack() {
        ModelConfig config = codec.read("""
                {"variant": "tiny", "training": {"schedule": {"shape": "linear", "peakFactor": 10, "warmupFraction": 0.1}}}""",
                "test");
        assertThat(config.training().schedule()).isEqualTo(org.ae4j.train.LearningRateSchedule.linear(10, 0.1));
        assertThat(codec.read(codec.toJson(config), "written")).isEqualTo(config);
        assertThat(codec.read("{\"variant\": \"tiny\", \"training\": {\"schedule\": {\"shape\": \"cosine\"}}}", "test")
                .training().schedule()).as("unset fields from the default").isEqualTo(org.ae4j.train.LearningRateSchedule.cosine(1, 0));
        assertThatThrownBy(() -> codec.read("{\"variant\": \"tiny\", \"training\": {\"schedule\": {\"shape\": \"steps\"}}}", "c.json"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("c.json: $.training")
                .hasMessageContaining("schedule shape must be one of [constant, cosine, linear], got \"steps\"");
    }

    @Test
    void rejectsNegativeEpochsNamingThePath() {
        assertThatThrownBy(() -> codec.read("{\"variant\": \"tiny\", \"training\": {\"epochs\": -3}}", "c.json"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("c.json: $.training: epochs must be >= 1, got -3");
    }

    @Test
    void rejectsUnknownFieldsListingTheKnownOnes() {
        assertThatThrownBy(() -> codec.read("{\"variant\": \"tiny\", \"model\": {\"hiden\": 3}}", "c.json"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("c.json: $.model.hiden: unknown field; known fields: activation, code, hidden, loss");
        assertThatThrownBy(() -> codec.read("{\"variant\": \"tiny\", \"trainig\": {}}", "c.json"))
                .hasMessage("c.json: $.trainig: unknown field; known fields: [corruption, model, optimizer, regularizers, training, variant]");
    }

    @Test
    void rejectsUnknownTypeNamesListingTheKnownOnes() {
        assertThatThrownBy(() -> codec.read("{\"variant\": \"tiny\", \"optimizer\": {\"type\": \"adamw\"}}", "c.json"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("c.json: $.optimizer.type: unknown optimizer 'adamw'; known optimizers: adam, rmsprop, sgd");
        assertThatThrownBy(() -> codec.read("{\"variant\": \"tiny\", \"regularizers\": [{\"type\": \"l3\"}]}", "c.json"))
                .hasMessage("c.json: $.regularizers[0].type: unknown regularizer 'l3'; known regularizers: weight-decay");
    }

    @Test
    void rejectsValuesOfTheWrongKind() {
        assertThatThrownBy(() -> codec.read("{\"variant\": \"tiny\", \"training\": {\"epochs\": \"many\"}}", "c.json"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("c.json: $.training.epochs: ");
        assertThatThrownBy(() -> codec.read("[1, 2]", "c.json"))
                .hasMessage("c.json: a model config must be a JSON object, got array");
        assertThatThrownBy(() -> codec.read("{\"variant\": \"tiny\", \"optimizer\": {\"type\": \"adam\", \"beta1\": 1.5}}", "c.json"))
                .hasMessage("c.json: $.optimizer: adam beta1 must be in [0, 1), got 1.5");
    }

    @Test
    void buildsTheModelWithTheExtraRegularizers() {
        ModelConfig config = codec.read("{\"variant\": \"tiny\", \"regularizers\": [{\"type\": \"weight-decay\"}]}", "t");
        var model = config.build(new long[] {12}, TinyVariant.REGISTRY);
        assertThat(model.regularizers()).hasSize(1);
        assertThat(model.codeSize()).isEqualTo(4);
        assertThat(List.of(model.inputShape()[0])).containsExactly(12L);
    }
}
