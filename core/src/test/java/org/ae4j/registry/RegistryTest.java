package org.ae4j.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.google.inject.AbstractModule;
import java.util.List;
import org.ae4j.Ae4j;
import org.ae4j.nn.DenseSpec;
import org.ae4j.nn.Relu;
import org.ae4j.optim.AdamSpec;
import org.ae4j.spi.Ae4jPlugin;
import org.junit.jupiter.api.Test;

class RegistryTest {

    /** A third-party plug-in that (wrongly) registers another activation as "relu". */
    static final class ClashingPlugin extends AbstractModule implements Ae4jPlugin {
        @Override
        protected void configure() {
            Contributions.activations(binder()).addBinding("relu").toInstance(new Relu());
        }

        @Override
        public String pluginName() {
            return "clashing";
        }
    }

    /** A third-party plug-in that reuses the spec type name "dense" for its own class. */
    static final class ClashingSpecPlugin extends AbstractModule implements Ae4jPlugin {
        record OtherDense(int units) implements org.ae4j.spi.LayerSpec {
            @Override
            public String type() {
                return "dense";
            }

            @Override
            public long[] outputShape(long[] inputShape) {
                return new long[] {units};
            }

            @Override
            public org.ae4j.spi.Layer build(String name, long[] inputShape, org.ae4j.spi.BuildContext context) {
                throw new IllegalStateException("not built in this test");
            }
        }

        @Override
        protected void configure() {
            Contributions.specType(binder(), "dense", OtherDense.class);
        }
    }

    @Test
    void discoversCoreThroughServiceLoader() {
        Registry registry = Ae4j.registry();
        assertThat(registry.pluginNames()).contains("ae4j-core");
        assertThat(registry.activationNames()).containsExactly("identity", "leaky-relu", "relu", "sigmoid", "softplus", "tanh");
        assertThat(registry.lossNames()).containsExactly("bce", "masked-mse", "mse");
        assertThat(registry.optimizerNames()).containsExactly("adam", "rmsprop", "sgd");
        assertThat(registry.initializerNames()).containsExactly("he-normal", "he-uniform", "xavier-normal", "xavier-uniform");
        assertThat(registry.specTypes()).extracting(NamedType::getName).contains("dense", "adam", "sgd", "rmsprop");
    }

    @Test
    void answersByName() {
        Registry registry = Registry.of(List.of(new CorePlugin()));
        assertThat(registry.activation("relu")).isInstanceOf(Relu.class);
        assertThat(registry.optimizer("adam")).isEqualTo(AdamSpec.defaults());
        assertThat(registry.specTypes()).contains(new NamedType(DenseSpec.class, "dense"));
    }

    @Test
    void unknownNameListsTheKnownNames() {
        Registry registry = Registry.of(List.of(new CorePlugin()));
        assertThatThrownBy(() -> registry.loss("msee"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown loss 'msee'; known losses: bce, masked-mse, mse");
        assertThatThrownBy(() -> registry.optimizer("adamw"))
                .hasMessage("unknown optimizer 'adamw'; known optimizers: adam, rmsprop, sgd");
    }

    @Test
    void unknownVariantInAnEmptyKindSaysSo() {
        Registry registry = Registry.of(List.of(new CorePlugin()));
        assertThatThrownBy(() -> registry.variant("vanilla"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown variant 'vanilla'; known variants: (none: is the plug-in that provides it on the classpath?)");
    }

    @Test
    void zeroPluginsIsAValidEmptyRegistry() {
        Registry registry = Registry.of(List.of());
        assertThat(registry.variantNames()).isEmpty();
        assertThat(registry.activationNames()).isEmpty();
        assertThat(registry.specTypes()).isEmpty();
    }

    @Test
    void duplicateNameFailsNamingTheKeyAndBothPlugins() {
        assertThatThrownBy(() -> Registry.of(List.of(new CorePlugin(), new ClashingPlugin())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("plug-ins [ae4j-core, clashing] contribute conflicting components")
                .hasMessageContaining("\"relu\"");
    }

    @Test
    void duplicateSpecTypeNameFailsNamingBothClasses() {
        assertThatThrownBy(() -> Registry.of(List.of(new CorePlugin(), new ClashingSpecPlugin())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("spec type name 'dense' is registered by both")
                .hasMessageContaining(DenseSpec.class.getName())
                .hasMessageContaining(ClashingSpecPlugin.OtherDense.class.getName())
                .hasMessageContaining("(both LayerSpec)");
    }

    @Test
    void theSamePluginTwiceIsNotAConflict() {
        Registry registry = Registry.of(List.of(new CorePlugin(), new CorePlugin()));
        assertThat(registry.lossNames()).containsExactly("bce", "masked-mse", "mse");
    }
}
