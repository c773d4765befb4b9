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
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.ae4j.kernel.KernelSelection;
import org.ae4j.spi.Activation;
import org.ae4j.spi.Ae4jPlugin;
import org.ae4j.spi.BottleneckSpec;
import org.ae4j.spi.Components;
import org.ae4j.spi.CorruptionSpec;
import org.ae4j.spi.Initializer;
import org.ae4j.spi.Kernels;
import org.ae4j.spi.Loss;
import org.ae4j.spi.OptimizerSpec;
import org.ae4j.spi.RegularizerSpec;
import org.ae4j.variant.Variant;
import org.apiguardian.api.API;

/**
 * Every named component the loaded plug-ins contribute, answering "give me the X named N".
 * An unknown name fails with the sorted list of known names; a name contributed twice fails when the
 * registry is created, naming both contributors. Immutable once built.
 *
 * <p>Every configurable component ({@link Contributions#regularizer} and its siblings) must have its spec
 * class registered under the same name; the registry checks that when it is made. It also knows which
 * plug-in contributed each name ({@link #contributor}), which saved models record. The {@link Kernels}
 * are chosen once, when the registry is made, and handed to the plug-ins' providers and, through
 * {@link org.ae4j.spi.BuildContext}, to every component built with it.
 *
 * <p>Obtain one with {@link org.ae4j.Ae4j#registry()} (ServiceLoader discovery) or
 * {@link #of(List)} (explicit plug-ins, e.g. in tests). Zero plug-ins is a valid, empty registry.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Registry implements Components {

    private final Kernels kernels;
    private final List<String> pluginNames;
    private final List<Ae4jPlugin> plugins;
    /** Which plug-in contributes each {@code kind:name}: asked of each plug-in alone, on the first question. */
    private volatile Map<String, String> contributors;
    private final Map<String, Variant> variants;
    private final Map<String, Activation> activations;
    private final Map<String, Loss> losses;
    private final Map<String, Initializer> initializers;
    private final Map<String, OptimizerSpec> optimizers;
    private final Map<String, RegularizerSpec> regularizers;
    private final Map<String, CorruptionSpec> corruptions;
    private final Map<String, BottleneckSpec> bottlenecks;
    private final List<SpecType> specs;
    private final List<NamedType> specTypes;

    private Registry(Kernels kernels, List<String> pluginNames, Injector injector, List<? extends Ae4jPlugin> plugins) {
        this.kernels = kernels;
        this.pluginNames = List.copyOf(pluginNames);
        this.plugins = List.copyOf(plugins);
        this.variants = sorted(injector.getInstance(Key.get(new TypeLiteral<Map<String, Variant>>() { })));
        this.activations = sorted(injector.getInstance(Key.get(new TypeLiteral<Map<String, Activation>>() { })));
        this.losses = sorted(injector.getInstance(Key.get(new TypeLiteral<Map<String, Loss>>() { })));
        this.initializers = sorted(injector.getInstance(Key.get(new TypeLiteral<Map<String, Initializer>>() { })));
        this.optimizers = sorted(injector.getInstance(Key.get(new TypeLiteral<Map<String, OptimizerSpec>>() { })));
        this.regularizers = sorted(injector.getInstance(Key.get(new TypeLiteral<Map<String, RegularizerSpec>>() { })));
        this.corruptions = sorted(injector.getInstance(Key.get(new TypeLiteral<Map<String, CorruptionSpec>>() { })));
        this.bottlenecks = sorted(injector.getInstance(Key.get(new TypeLiteral<Map<String, BottleneckSpec>>() { })));
        this.specs = sortedSpecs(injector.getInstance(Key.get(new TypeLiteral<Set<SpecType>>() { })));
        this.specTypes = indexSpecTypes(specs);
        variants.forEach((name, v) -> requireConsistent("variant", name, v.name()));
        activations.forEach((name, a) -> requireConsistent("activation", name, a.name()));
        losses.forEach((name, l) -> requireConsistent("loss", name, l.name()));
        optimizers.forEach((name, o) -> requireSpec("optimizer", name, o.type(), o));
        regularizers.forEach((name, r) -> requireSpec("regularizer", name, r.type(), r));
        corruptions.forEach((name, c) -> requireSpec("corruption", name, c.type(), c));
        bottlenecks.forEach((name, b) -> requireSpec("bottleneck", name, b.type(), b));
    }

    /**
     * A registry of exactly these plug-ins.
     *
     * @throws IllegalStateException if two plug-ins contribute the same name of the same kind
     */
    public static Registry of(List<? extends Ae4jPlugin> plugins) {
        return of(plugins, KernelSelection.best());
    }

    /**
     * A registry of exactly these plug-ins whose components compute with {@code kernels}.
     *
     * @throws IllegalStateException if two plug-ins contribute the same name of the same kind, or a
     *                               configurable component's spec class is not registered under its name
     */
    public static Registry of(List<? extends Ae4jPlugin> plugins, Kernels kernels) {
        Objects.requireNonNull(kernels, "kernels");
        List<Module> modules = new ArrayList<>(plugins);
        modules.add(new KindsModule(kernels));
        List<String> names = plugins.stream().map(Ae4jPlugin::pluginName).distinct().toList();
        Injector injector;
        try {
            injector = Guice.createInjector(modules);
        } catch (CreationException e) {
            throw new IllegalStateException("plug-ins " + names + " contribute conflicting components: "
                    + e.getMessage(), e);
        }
        return new Registry(kernels, names, injector, plugins);
    }

    private Map<String, String> contributors() {
        Map<String, String> found = contributors;
        if (found == null) {
            found = Map.copyOf(contributors(plugins, kernels));
            contributors = found;
        }
        return found;
    }

    /** Which plug-in contributes each {@code kind:name}, found by asking each plug-in alone (not at start-up: it costs an injector per plug-in). */
    private static Map<String, String> contributors(List<? extends Ae4jPlugin> plugins, Kernels kernels) {
        Map<String, String> found = new HashMap<>();
        for (Ae4jPlugin plugin : new java.util.LinkedHashSet<>(plugins)) {
            Injector alone = Guice.createInjector(plugin, new KindsModule(kernels));
            String who = plugin.pluginName() + plugin.pluginVersion().map(v -> " " + v).orElse("");
            for (Map.Entry<String, TypeLiteral<?>> kind : KindsModule.KINDS.entrySet()) {
                Map<?, ?> map = (Map<?, ?>) alone.getInstance(Key.get(kind.getValue()));
                map.keySet().forEach(name -> found.put(kind.getKey() + ":" + name, who));
            }
            alone.getInstance(Key.get(new TypeLiteral<Set<SpecType>>() { }))
                    .forEach(t -> found.putIfAbsent("spec:" + t.name() + ":" + t.type().getName(), who));
        }
        return found;
    }

    /**
     * The plug-in (name and version) that contributes the {@code kind} named {@code name} — kinds as in
     * listings: {@code variant}, {@code activation}, {@code loss}, {@code initializer}, {@code optimizer},
     * {@code regularizer}, {@code corruption}, {@code bottleneck}.
     */
    public Optional<String> contributor(String kind, String name) {
        return Optional.ofNullable(contributors().get(kind + ":" + name));
    }

    /** The plug-in that registers the spec class {@code type} under the JSON name {@code name}. */
    public Optional<String> specContributor(String name, Class<?> type) {
        return Optional.ofNullable(contributors().get("spec:" + name + ":" + type.getName()));
    }

    @Override
    public Kernels kernels() {
        return kernels;
    }

    /** Names of the plug-ins this registry was built from, in load order. */
    public List<String> pluginNames() {
        return pluginNames;
    }

    @Override
    public BottleneckSpec bottleneck(String name) {
        return lookup("bottleneck", bottlenecks, name);
    }

    public SortedSet<String> bottleneckNames() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(bottlenecks.keySet()));
    }

    public Variant variant(String name) {
        return lookup("variant", variants, name);
    }

    @Override
    public Activation activation(String name) {
        return lookup("activation", activations, name);
    }

    @Override
    public Loss loss(String name) {
        return lookup("loss", losses, name);
    }

    @Override
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

    /**
     * The defaults of the spec type registered as {@code name} whose class implements {@code kind} (e.g.
     * {@code OptimizerSpec.class}); empty when it has none.
     */
    public Optional<Object> specDefaults(String name, Class<?> kind) {
        return specs.stream().filter(t -> t.name().equals(name) && kind.isAssignableFrom(t.type()))
                .findFirst().flatMap(SpecType::defaults);
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
    private static List<SpecType> sortedSpecs(Set<SpecType> specs) {
        List<SpecType> sorted = new ArrayList<>(specs);
        sorted.sort(java.util.Comparator.comparing(SpecType::name).thenComparing(t -> t.type().getName()));
        return List.copyOf(sorted);
    }

    private static List<NamedType> indexSpecTypes(List<SpecType> specs) {
        List<NamedType> sorted = new ArrayList<>(specs.stream().map(t -> new NamedType(t.type(), t.name())).distinct().toList());
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

    /** A configurable component's defaults must call themselves by their key and have their class registered. */
    private void requireSpec(String kind, String key, String selfName, Object defaults) {
        requireConsistent(kind, key, selfName);
        boolean registered = specs.stream().anyMatch(t -> t.name().equals(key) && t.type() == defaults.getClass());
        if (!registered) {
            throw new IllegalStateException(kind + " '" + key + "' (" + defaults.getClass().getName() + ") is contributed "
                    + "without its spec class registered for configuration files under the same name; contribute it with "
                    + "Contributions." + kind + "(binder(), defaults), which does both");
        }
    }

    private static void requireConsistent(String kind, String key, String selfName) {
        if (!key.equals(selfName)) {
            throw new IllegalStateException(kind + " registered as '" + key + "' calls itself '" + selfName + "'");
        }
    }

    /**
     * Declares every kind's binder so that kinds nobody contributes to are empty, not missing, and binds
     * the kernels for plug-ins' providers.
     */
    private static final class KindsModule extends AbstractModule {
        /** Each listed kind and its map's type. */
        static final Map<String, TypeLiteral<?>> KINDS = Map.of(
                "variant", new TypeLiteral<Map<String, Variant>>() { },
                "activation", new TypeLiteral<Map<String, Activation>>() { },
                "loss", new TypeLiteral<Map<String, Loss>>() { },
                "initializer", new TypeLiteral<Map<String, Initializer>>() { },
                "optimizer", new TypeLiteral<Map<String, OptimizerSpec>>() { },
                "regularizer", new TypeLiteral<Map<String, RegularizerSpec>>() { },
                "corruption", new TypeLiteral<Map<String, CorruptionSpec>>() { },
                "bottleneck", new TypeLiteral<Map<String, BottleneckSpec>>() { });

        private final Kernels kernels;

        KindsModule(Kernels kernels) {
            this.kernels = kernels;
        }

        @Override
        protected void configure() {
            bind(Kernels.class).toInstance(kernels);
            Contributions.bottlenecks(binder());
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
