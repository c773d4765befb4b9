package org.ae4j.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.ae4j.registry.Registry;
import org.ae4j.spi.Ae4jPlugin;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** Lists every discovered variant and component with the plug-in that contributes it. */
@Command(name = "variants", mixinStandardHelpOptions = true,
        description = "List every discovered variant and component name, with its plug-in.")
final class VariantsCommand implements Callable<Integer> {

    @ParentCommand
    Ae4jCommand app;

    private static final Map<String, Function<Registry, SortedSet<String>>> KINDS = new LinkedHashMap<>();

    static {
        KINDS.put("activations", Registry::activationNames);
        KINDS.put("losses", Registry::lossNames);
        KINDS.put("initializers", Registry::initializerNames);
        KINDS.put("optimizers", Registry::optimizerNames);
        KINDS.put("regularizers", Registry::regularizerNames);
        KINDS.put("corruptions", Registry::corruptionNames);
    }

    @Override
    public Integer call() throws Exception {
        Registry all = app.registry();
        Map<String, String> pluginOf = new TreeMap<>();
        Map<String, Registry> byPlugin = new LinkedHashMap<>();
        for (Ae4jPlugin plugin : app.plugins()) {
            byPlugin.put(plugin.pluginName(), Registry.of(List.of(plugin)));
        }
        app.say("variants:");
        List<Map<String, Object>> variants = new ArrayList<>();
        for (String name : all.variantNames()) {
            String plugin = contributor(byPlugin, r -> r.variantNames(), name);
            app.say(String.format("  %-14s %s  [%s]", name, all.variant(name).description(), plugin));
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("name", name);
            v.put("description", all.variant(name).description());
            v.put("plugin", plugin);
            variants.add(v);
        }
        Map<String, Object> components = new LinkedHashMap<>();
        for (Map.Entry<String, Function<Registry, SortedSet<String>>> kind : KINDS.entrySet()) {
            List<Map<String, Object>> entries = new ArrayList<>();
            List<String> shown = new ArrayList<>();
            for (String name : kind.getValue().apply(all)) {
                String plugin = contributor(byPlugin, kind.getValue(), name);
                entries.add(Map.of("name", name, "plugin", plugin));
                shown.add(name + " [" + plugin + "]");
            }
            app.say(kind.getKey() + ": " + String.join(", ", shown));
            components.put(kind.getKey(), entries);
        }
        List<String> specTypes = all.specTypes().stream().map(t -> t.getName()).toList();
        app.say("config types: " + String.join(", ", specTypes));
        app.say("plug-ins: " + String.join(", ", all.pluginNames()));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("variants", variants);
        result.put("components", components);
        result.put("config_types", specTypes);
        result.put("plugins", all.pluginNames());
        app.result(result);
        return Cli.OK;
    }

    private static String contributor(Map<String, Registry> byPlugin, Function<Registry, SortedSet<String>> kind, String name) {
        return byPlugin.entrySet().stream().filter(e -> kind.apply(e.getValue()).contains(name)).map(Map.Entry::getKey)
                .findFirst().orElse("?");
    }
}
