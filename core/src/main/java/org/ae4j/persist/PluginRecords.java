package org.ae4j.persist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.ae4j.registry.Registry;

/**
 * The {@code "components"} list of {@code model.json}: the variant and every spec type a model's config
 * names, each with the plug-in (name and version) that contributed it when the model was saved — so that
 * a model loaded without that plug-in is refused by the plug-in's name, with the way to add it.
 */
final class PluginRecords {

    private PluginRecords() {
    }

    /** The components {@code config} (a config tree) uses, with their contributors in {@code registry}. */
    static ArrayNode of(JsonNode config, Registry registry, ObjectMapper json) {
        ArrayNode list = json.createArrayNode();
        String variant = config.path("variant").asText();
        add(list, "variant", variant, registry.contributor("variant", variant).orElse("unknown"));
        for (String type : typeNames(config, new TreeSet<>())) {
            String plugin = registry.specTypes().stream().filter(t -> type.equals(t.getName()))
                    .map(t -> registry.specContributor(type, t.getType()).orElse("unknown")).findFirst().orElse("unknown");
            add(list, "type", type, plugin);
        }
        return list;
    }

    /**
     * Refuses the file when a recorded component is unknown to {@code registry}, naming the plug-in that made it.
     * Files without the list (written before it existed) pass.
     */
    static void requireLoaded(Path file, JsonNode components, Registry registry) throws ModelFileException {
        if (components == null || !components.isArray()) {
            return;
        }
        Set<String> types = registry.specTypes().stream().map(t -> t.getName()).collect(Collectors.toSet());
        for (JsonNode c : components) {
            String kind = c.path("kind").asText();
            String name = c.path("name").asText();
            boolean known = kind.equals("variant") ? registry.variantNames().contains(name) : types.contains(name);
            if (!known) {
                throw new ModelFileException(file + " needs the " + kind + " '" + name + "' of plug-in '" + c.path("plugin").asText()
                        + "', which is not loaded (loaded: " + String.join(", ", registry.pluginNames()) + "); put the plug-in's "
                        + "jar on the class path, or give the ae4j command its folder with --plugins DIR");
            }
        }
    }

    private static void add(ArrayNode list, String kind, String name, String plugin) {
        ObjectNode entry = list.addObject();
        entry.put("kind", kind);
        entry.put("name", name);
        entry.put("plugin", plugin);
    }

    /** Every {@code "type"} value in the tree. */
    private static Set<String> typeNames(JsonNode node, Set<String> found) {
        if (node.isObject()) {
            JsonNode type = node.get("type");
            if (type != null && type.isTextual()) {
                found.add(type.asText());
            }
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                typeNames(it.next(), found);
            }
        } else if (node.isArray()) {
            node.forEach(child -> typeNames(child, found));
        }
        return found;
    }
}
