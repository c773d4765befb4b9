package org.ae4j.registry;

import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.google.inject.Binder;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.Multibinder;
import org.ae4j.spi.Activation;
import org.ae4j.spi.CorruptionSpec;
import org.ae4j.spi.Initializer;
import org.ae4j.spi.Loss;
import org.ae4j.spi.OptimizerSpec;
import org.ae4j.spi.RegularizerSpec;
import org.ae4j.spi.Variant;
import org.apiguardian.api.API;

/**
 * The map binders through which an {@link org.ae4j.spi.Ae4jPlugin} contributes named components.
 * Inside {@code configure()}:
 *
 * <pre>{@code
 * Contributions.variants(binder()).addBinding("vanilla").toInstance(new VanillaVariant());
 * Contributions.specTypes(binder()).addBinding().toInstance(new NamedType(DenseSpec.class, "dense"));
 * }</pre>
 *
 * Names are case-sensitive, lower-case and hyphenated by convention. A name bound twice within a
 * kind fails registry creation with a message naming both contributors.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class Contributions {

    private Contributions() {
    }

    /** Autoencoder recipes, by name. */
    public static MapBinder<String, Variant> variants(Binder binder) {
        return MapBinder.newMapBinder(binder, String.class, Variant.class);
    }

    /** Element-wise activations, by name. */
    public static MapBinder<String, Activation> activations(Binder binder) {
        return MapBinder.newMapBinder(binder, String.class, Activation.class);
    }

    /** Reconstruction losses, by name. */
    public static MapBinder<String, Loss> losses(Binder binder) {
        return MapBinder.newMapBinder(binder, String.class, Loss.class);
    }

    /** Weight initializers, by name. */
    public static MapBinder<String, Initializer> initializers(Binder binder) {
        return MapBinder.newMapBinder(binder, String.class, Initializer.class);
    }

    /** Optimizers, by name, with their default configuration. */
    public static MapBinder<String, OptimizerSpec> optimizers(Binder binder) {
        return MapBinder.newMapBinder(binder, String.class, OptimizerSpec.class);
    }

    /** Training-time input corruptions, by name, with their default configuration. */
    public static MapBinder<String, CorruptionSpec> corruptions(Binder binder) {
        return MapBinder.newMapBinder(binder, String.class, CorruptionSpec.class);
    }

    /** Regularizers, by name, with their default configuration. */
    public static MapBinder<String, RegularizerSpec> regularizers(Binder binder) {
        return MapBinder.newMapBinder(binder, String.class, RegularizerSpec.class);
    }

    /**
     * Spec record types with their stable type names, for configuration files (layers, optimizers,
     * regularizers, …). Names, never class names, appear in JSON.
     */
    public static Multibinder<NamedType> specTypes(Binder binder) {
        return Multibinder.newSetBinder(binder, NamedType.class);
    }
}
