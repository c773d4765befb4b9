package org.ae4j.registry;

import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.TypeLiteral;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.ae4j.spi.Activation;
import org.ae4j.spi.CorruptionSpec;
import org.ae4j.spi.Ae4jPlugin;
import org.ae4j.spi.Initializer;
import org.ae4j.spi.Loss;
import org.ae4j.spi.OptimizerSpec;
import org.ae4j.spi.RegularizerSpec;
import org.ae4j.spi.Variant;
import org.apiguardian.api.API;

/**
 * Every named component the loaded plug-ins contribute, answering "give me the X named N".
 * An unknown name fails with the sorted list of known names; a name contributed twice fails when the
 * registry is created, naming both contributors. Immutable once built.
 *
 * <p>Obtain one with {@link org.ae4j.Ae4j#registry()} (ServiceLoader discovery) or
 * {@link #of(List)} (explicit plug-ins, e.g. in tests). Zero plug-ins is a valid, empty registry.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class Registry {

    private final List<String> pluginNames;
    private final Map<String, Variant> variants;
    private final Map<String, Activation> activations;
    private final Map<String, Loss> losses;
    private final Map<String, Initializer> initializers;
    private final Map<String, OptimizerSpec> optimizers;
    private final Map<String, RegularizerSpec> regularizers;
    private final Map<String, CorruptionSpec> corruptions;
    private final List<NamedType> specTypes;

    private Registry(List<String> pluginNames, Injector injector) {
        this.pluginNames = List.copyOf(pluginNames);
        this.variants = sorted(injector.getInstance(Key.get(new TypeLiteral<Map<String, Variant>>() { })));
        this.activations = sorted(injector.getInstance(Key.get(new TypeLiteral<Map<String, Activation>>() { })));
        this.losses = sorted(injector.getInstance(Key.get(new TypeLiteral<Map<String, Loss>>() { })));
        this.initializers = sorted(injector.getInstance(Key.get(new TypeLiteral<Map<String, Initializer>>() { })));
        this.optimizers = sorted(injector.getInstance(Key.get(new TypeLiteral<Map<String, OptimizerSpec>>() { })));
        this.regularizers = sorted(injector.getInstance(Key.get(new TypeLiteral<Map<String, RegularizerSpec>>() { })));
        this.corruptions = sorted(injector.getInstance(Key.get(new TypeLiteral<Map<String, CorruptionSpec>>() { })));
        this.specTypes = indexSpecTypes(injector.getInstance(Key.get(new TypeLiteral<Set<NamedType>>() { })));
        variants.forEach((name, v) -> requireConsistent("variant", name, v.name()));
        activations.forEach((name, a) -> requireConsistent("activation", name, a.name()));
        losses.forEach((name, l) -> requireConsistent("loss", name, l.name()));
    }

    /**
     * A registry of exactly these plug-ins.
     *
     * @throws IllegalStateException if two plug-ins contribute the same name of the same kind
     */
    public static Registry of(List<? extends Ae4jPlugin> plugins) {
        List<Module> modules = new ArrayList<>(plugins);
        modules.add(new KindsModule());
        List<String> names = plugins.stream().map(Ae4jPlugin::pluginName).distinct().toList();
        try {
            return new Registry(names, Guice.createInjector(modules));
        } catch (CreationException e) {
            throw new IllegalStateException("plug-ins " + names + " contribute conflicting components: "
                    + e.getMessage(), e);
        }
    }

    /** Names of the plug-ins this registry was built from, in load order. */
    public List<String> pluginNames() {
        return pluginNames;
    }

    public Variant variant(String name) {
        return lookup("variant", variants, name);
    }

    public Activation activation(String name) {
        return lookup("activation", activations, name);
    }

    public Loss loss(String name) {
        return lookup("loss", losses, name);
    }

    public Initializer initializer(String name) {
        return lookup("initializer", initializers, name);
    }

    /** The default configuration of the optimizer named {@code name}. */
    public OptimizerSpec optimizer(String name) {
        return lookup("optimizer", optimizers, name);
    }

    /** The default configuration of the regularizer named {@code name}. */
    public RegularizerSpec regularizer(String name) {
        return lookup("regularizer", regularizers, name);
    }

    /** The default configuration of the corruption named {@code name}. */
    public CorruptionSpec corruption(String name) {
        return lookup("corruption", corruptions, name);
    }

    public SortedSet<String> corruptionNames() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(corruptions.keySet()));
    }

    public SortedSet<String> regularizerNames() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(regularizers.keySet()));
    }

    public SortedSet<String> variantNames() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(variants.keySet()));
    }

    public SortedSet<String> activationNames() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(activations.keySet()));
    }

    public SortedSet<String> lossNames() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(losses.keySet()));
    }

    public SortedSet<String> initializerNames() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(initializers.keySet()));
    }

    public SortedSet<String> optimizerNames() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(optimizers.keySet()));
    }

    /** Spec record types with their stable names, sorted by name, for configuration (de)serialisation. */
    public List<NamedType> specTypes() {
        return specTypes;
    }

    private static <T> T lookup(String kind, Map<String, T> map, String name) {
        T found = map.get(name);
        if (found == null) {
            throw new IllegalArgumentException("unknown " + kind + " '" + name + "'; known " + plural(kind) + ": "
                    + (map.isEmpty() ? "(none: is the plug-in that provides it on the classpath?)"
                    : String.join(", ", map.keySet())));
        }
        return found;
    }

    private static String plural(String kind) {
        return kind.endsWith("s") ? kind + "es" : kind + "s";
    }

    private static <T> Map<String, T> sorted(Map<String, T> map) {
        return Collections.unmodifiableMap(new TreeMap<>(map));
    }

    /**
     * Spec types sorted by name. One name may serve several kinds ("gaussian" noise and "gaussian"
     * likelihood), but not two classes of one kind: that is, two classes sharing a polymorphic base
     * (an interface annotated with {@code @JsonTypeInfo}).
     */
    private static List<NamedType> indexSpecTypes(Set<NamedType> types) {
        List<NamedType> sorted = new ArrayList<>(types);
        sorted.sort(java.util.Comparator.comparing(NamedType::getName, java.util.Comparator.nullsFirst(String::compareTo))
                .thenComparing(t -> t.getType().getName()));
        for (int i = 0; i < sorted.size(); i++) {
            NamedType a = sorted.get(i);
            if (a.getName() == null || a.getName().isBlank()) {
                throw new IllegalStateException("spec type " + a.getType().getName() + " is registered without a name");
            }
            for (int j = i + 1; j < sorted.size() && a.getName().equals(sorted.get(j).getName()); j++) {
                NamedType b = sorted.get(j);
                Set<Class<?>> shared = polymorphicBases(a.getType());
                shared.retainAll(polymorphicBases(b.getType()));
                if (a.getType() != b.getType() && !shared.isEmpty()) {
                    throw new IllegalStateException("spec type name '" + a.getName() + "' is registered by both "
                            + a.getType().getName() + " and " + b.getType().getName() + " (both "
                            + shared.iterator().next().getSimpleName() + ")");
                }
            }
        }
        return List.copyOf(sorted);
    }

    private static Set<Class<?>> polymorphicBases(Class<?> type) {
        Set<Class<?>> bases = new java.util.HashSet<>();
        java.util.Deque<Class<?>> todo = new java.util.ArrayDeque<>(List.of(type));
        while (!todo.isEmpty()) {
            Class<?> c = todo.pop();
            if (c.isAnnotationPresent(com.fasterxml.jackson.annotation.JsonTypeInfo.class)) {
                bases.add(c);
            }
            todo.addAll(List.of(c.getInterfaces()));
            if (c.getSuperclass() != null) {
                todo.add(c.getSuperclass());
            }
        }
        return bases;
    }

    private static void requireConsistent(String kind, String key, String selfName) {
        if (!key.equals(selfName)) {
            throw new IllegalStateException(kind + " registered as '" + key + "' calls itself '" + selfName + "'");
        }
    }

    /** Declares every kind's binder so that kinds nobody contributes to are empty, not missing. */
    private static final class KindsModule extends AbstractModule {
        @Override
        protected void configure() {
            Contributions.variants(binder());
            Contributions.activations(binder());
            Contributions.losses(binder());
            Contributions.initializers(binder());
            Contributions.optimizers(binder());
            Contributions.regularizers(binder());
            Contributions.corruptions(binder());
            Contributions.specTypes(binder());
        }
    }
}
