package org.ae4j.registry;

import com.google.inject.Binder;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.Multibinder;
import java.util.Optional;
import org.ae4j.spi.Activation;
import org.ae4j.spi.BottleneckSpec;
import org.ae4j.spi.CorruptionSpec;
import org.ae4j.spi.Initializer;
import org.ae4j.spi.Loss;
import org.ae4j.spi.OptimizerSpec;
import org.ae4j.spi.RegularizerSpec;
import org.ae4j.variant.Variant;
import org.apiguardian.api.API;

/**
 * How an {@link org.ae4j.spi.Ae4jPlugin} contributes named components, inside its {@code configure()}:
 *
 * <pre>{@code
 * Contributions.variant(binder(), new MyVariant());                 // a recipe, by its name
 * Contributions.regularizer(binder(), MmdSpec.defaults());          // a spec's defaults and its JSON name, together
 * Contributions.specType(binder(), DenseSpec.TYPE, DenseSpec.class); // a spec with no defaults (a layer)
 * Contributions.activations(binder()).addBinding("gelu").toInstance(new Gelu());
 * }</pre>
 *
 * The one-call methods bind a configurable component's defaults under {@code spec.type()} and register
 * its class for JSON under the same name, so the two cannot disagree. Names are case-sensitive,
 * lower-case and hyphenated by convention. A name bound twice within a kind fails registry creation
 * with a message naming both contributors.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Contributions {

    private Contributions() {
    }

    /** Contributes {@code variant} under its own name. */
    public static void variant(Binder binder, Variant variant) {
        variants(binder).addBinding(variant.name()).toInstance(variant);
    }

    /** Contributes a regularizer: its defaults under {@code defaults.type()}, and its spec class for JSON. */
    public static void regularizer(Binder binder, RegularizerSpec defaults) {
        regularizers(binder).addBinding(defaults.type()).toInstance(defaults);
        specType(binder, defaults.type(), defaults);
    }

    /** Contributes a training-time corruption: its defaults and its spec class, under {@code defaults.type()}. */
    public static void corruption(Binder binder, CorruptionSpec defaults) {
        corruptions(binder).addBinding(defaults.type()).toInstance(defaults);
        specType(binder, defaults.type(), defaults);
    }

    /** Contributes an optimizer: its defaults and its spec class, under {@code defaults.type()}. */
    public static void optimizer(Binder binder, OptimizerSpec defaults) {
        optimizers(binder).addBinding(defaults.type()).toInstance(defaults);
        specType(binder, defaults.type(), defaults);
    }

    /** Contributes a kind of bottleneck: its defaults and its spec class, under {@code defaults.type()}. */
    public static void bottleneck(Binder binder, BottleneckSpec defaults) {
        bottlenecks(binder).addBinding(defaults.type()).toInstance(defaults);
        specType(binder, defaults.type(), defaults);
    }

    /** Registers a spec class for JSON under {@code name}, with no defaults (layers, likelihoods, …). */
    public static void specType(Binder binder, String name, Class<?> type) {
        specTypes(binder).addBinding().toInstance(new SpecType(name, type, Optional.empty()));
    }

    /** Registers {@code defaults}' class for JSON under {@code name}, with these defaults. */
    public static void specType(Binder binder, String name, Object defaults) {
        specTypes(binder).addBinding().toInstance(new SpecType(name, defaults.getClass(), Optional.of(defaults)));
    }

    /** Autoencoder recipes, by name. */
    public static MapBinder<String, Variant> variants(Binder binder) {
        return MapBinder.newMapBinder(binder, String.class, Variant.class);
    }

    /** Element-wise activations, by name. */
    public static MapBinder<String, Activation> activations(Binder binder) {
        return MapBinder.newMapBinder(binder, String.class, Activation.class);
    }

    /**
     * Reconstruction losses, by name. A loss that computes with the {@link org.ae4j.spi.Kernels} is bound
     * to a provider that receives them, e.g. a {@code @ProvidesIntoMap @StringMapKey("mse") Loss
     * mse(Kernels kernels)} method of the plug-in.
     */
    public static MapBinder<String, Loss> losses(Binder binder) {
        return MapBinder.newMapBinder(binder, String.class, Loss.class);
    }

    /** Weight initializers, by name. */
    public static MapBinder<String, Initializer> initializers(Binder binder) {
        return MapBinder.newMapBinder(binder, String.class, Initializer.class);
    }

    /** Optimizers' defaults, by name; prefer {@link #optimizer}, which also registers the spec class. */
    public static MapBinder<String, OptimizerSpec> optimizers(Binder binder) {
        return MapBinder.newMapBinder(binder, String.class, OptimizerSpec.class);
    }

    /** Corruptions' defaults, by name; prefer {@link #corruption}. */
    public static MapBinder<String, CorruptionSpec> corruptions(Binder binder) {
        return MapBinder.newMapBinder(binder, String.class, CorruptionSpec.class);
    }

    /** Regularizers' defaults, by name; prefer {@link #regularizer}. */
    public static MapBinder<String, RegularizerSpec> regularizers(Binder binder) {
        return MapBinder.newMapBinder(binder, String.class, RegularizerSpec.class);
    }

    /** Bottlenecks' defaults, by name; prefer {@link #bottleneck}. */
    public static MapBinder<String, BottleneckSpec> bottlenecks(Binder binder) {
        return MapBinder.newMapBinder(binder, String.class, BottleneckSpec.class);
    }

    /** Spec classes with their JSON names (and defaults); prefer {@link #specType}. */
    public static Multibinder<SpecType> specTypes(Binder binder) {
        return Multibinder.newSetBinder(binder, SpecType.class);
    }
}
