package org.ae4j.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.ae4j.registry.Registry;
import org.ae4j.spi.CorruptionSpec;
import org.ae4j.spi.OptimizerSpec;
import org.ae4j.spi.RegularizerSpec;
import org.ae4j.train.TrainingConfig;
import org.ae4j.variant.Variant;
import org.ae4j.variant.VariantSpec;
import org.apiguardian.api.API;

/**
 * Reads and writes {@link ModelConfig}s as JSON or YAML.
 *
 * <p>Reading starts from the named variant's defaults and overlays what the file gives: objects are
 * merged field by field, arrays and values replace. Polymorphic parts ({@code optimizer},
 * {@code regularizers}, layer specs) are chosen by their registered {@code "type"} name — never a class
 * name, never default typing — and start from that type's registered defaults. Unknown fields, unknown
 * names and out-of-range values fail with a {@link ConfigException} naming the source, the JSON path
 * and the allowed values.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ConfigCodec {

    private static final Set<String> TOP_LEVEL = Set.of("variant", "model", "regularizers", "optimizer", "training",
            "corruption");

    private final Registry registry;
    private final ObjectMapper json;
    private final ObjectMapper yaml;

    public ConfigCodec(Registry registry) {
        this.registry = registry;
        this.json = configure(JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build(), registry);
        this.yaml = configure(YAMLMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build(), registry);
    }

    /** An object mapper that knows every registered spec type name: for files that embed specs. */
    public ObjectMapper mapper() {
        return json;
    }

    private static ObjectMapper configure(ObjectMapper mapper, Registry registry) {
        mapper.registerSubtypes(registry.specTypes().toArray(new com.fasterxml.jackson.databind.jsontype.NamedType[0]));
        mapper.registerModule(new com.fasterxml.jackson.datatype.jdk8.Jdk8Module());
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(SerializationFeature.INDENT_OUTPUT);
        return mapper;
    }

    /**
     * Reads a config file; {@code .yaml} and {@code .yml} files are YAML, anything else JSON. A file larger than
     * {@link org.ae4j.util.ReadLimits#configBytes()} is refused unread. Jackson's YAML reader never expands an alias (it
     * reads {@code *name} as the text {@code name}), so a "billion laughs" file multiplies nothing; nesting and string
     * lengths are bounded by Jackson's stream constraints.
     */
    public ModelConfig read(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        ObjectMapper mapper = name.endsWith(".yaml") || name.endsWith(".yml") ? yaml : json;
        try {
            org.ae4j.util.ReadLimits.require(Files.size(file), org.ae4j.util.ReadLimits.configBytes(), org.ae4j.util.ReadLimits.CONFIG_BYTES,
                    file + ": its size in bytes");
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new ConfigException(file + ": malformed " + (mapper == yaml ? "YAML" : "JSON") + ": "
                    + e.getOriginalMessage() + location(e));
        }
        return fromTree(tree, file.toString());
    }

    /** Reads a JSON config from a string; {@code source} names it in error messages. */
    public ModelConfig read(String text, String source) {
        try {
            return fromTree(json.readTree(text), source);
        } catch (JsonProcessingException e) {
            throw new ConfigException(source + ": malformed JSON: " + e.getOriginalMessage() + location(e));
        }
    }

    /** Builds a config from a parsed tree over the named variant's defaults. */
    public ModelConfig fromTree(JsonNode tree, String source) {
        if (tree == null || !tree.isObject()) {
            throw new ConfigException(source + ": a model config must be a JSON object, got "
                    + (tree == null || tree.isMissingNode() ? "nothing" : tree.getNodeType().toString().toLowerCase(Locale.ROOT)));
        }
        for (Iterator<String> it = tree.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!TOP_LEVEL.contains(field)) {
                throw new ConfigException(source + ": $." + field + ": unknown field; known fields: " + new TreeSet<>(TOP_LEVEL));
            }
            if (tree.get(field).isNull() && !field.equals("corruption")) {      // only a corruption can be switched off by null
                throw new ConfigException(source + ": $." + field + ": null; leave the field out for the variant's default");
            }
        }
        JsonNode variantNode = tree.get("variant");
        if (variantNode == null || !variantNode.isTextual()) {
            throw new ConfigException(source + ": $.variant: required, the name of a variant; known variants: "
                    + String.join(", ", registry.variantNames()));
        }
        Variant variant;
        try {
            variant = registry.variant(variantNode.asText());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source + ": $.variant: " + e.getMessage());
        }
        ModelConfig defaults = ModelConfig.defaults(variant);

        VariantSpec model = convert(merge(tree(defaults.model()), tree.get("model")), defaults.model().getClass(), source, "$.model");
        OptimizerSpec optimizer = defaults.optimizer();
        JsonNode optimizerNode = tree.get("optimizer");
        if (optimizerNode != null) {
            requireObject(optimizerNode, source, "$.optimizer");
            String type = optimizerNode.has("type") ? typeName(optimizerNode, source, "$.optimizer") : defaults.optimizer().type();
            OptimizerSpec base = type.equals(defaults.optimizer().type()) ? defaults.optimizer()
                    : lookup(() -> registry.optimizer(type), source, "$.optimizer.type");
            optimizer = convert(merge(tree(base), optimizerNode), OptimizerSpec.class, source, "$.optimizer");
        }
        List<RegularizerSpec> regularizers = new ArrayList<>(defaults.regularizers());
        JsonNode regularizerNodes = tree.get("regularizers");
        if (regularizerNodes != null) {
            regularizers.clear();
            if (!regularizerNodes.isArray()) {
                throw new ConfigException(source + ": $.regularizers: expected an array of {\"type\": …} objects");
            }
            for (int i = 0; i < regularizerNodes.size(); i++) {
                String path = "$.regularizers[" + i + "]";
                JsonNode node = regularizerNodes.get(i);
                requireObject(node, source, path);
                if (!node.has("type")) {
                    throw new ConfigException(source + ": " + path + ".type: required; known regularizers: "
                            + String.join(", ", registry.regularizerNames()));
                }
                String type = typeName(node, source, path);
                RegularizerSpec base = lookup(() -> registry.regularizer(type), source, path + ".type");
                regularizers.add(convert(merge(tree(base), node), RegularizerSpec.class, source, path));
            }
        }
        Optional<CorruptionSpec> corruption = defaults.corruption();
        JsonNode corruptionNode = tree.get("corruption");
        if (corruptionNode != null && corruptionNode.isNull()) {
            corruption = Optional.empty();
        } else if (corruptionNode != null) {
            requireObject(corruptionNode, source, "$.corruption");
            String type = corruptionNode.has("type") ? typeName(corruptionNode, source, "$.corruption")
                    : defaults.corruption().map(CorruptionSpec::type).orElseThrow(() -> new ConfigException(source
                    + ": $.corruption.type: required; known corruptions: " + String.join(", ", registry.corruptionNames())));
            CorruptionSpec base = defaults.corruption().filter(c -> c.type().equals(type))
                    .orElseGet(() -> lookup(() -> registry.corruption(type), source, "$.corruption.type"));
            corruption = Optional.of(convert(merge(tree(base), corruptionNode), CorruptionSpec.class, source, "$.corruption"));
        }
        JsonNode trainingNode = tree.get("training");
        if (trainingNode != null && !trainingNode.isObject()) {
            throw new ConfigException(source + ": $.training: expected an object of training settings, got "
                    + trainingNode.getNodeType().toString().toLowerCase(Locale.ROOT));
        }
        TrainingConfig training = convert(merge(tree(defaults.training()), trainingNode), TrainingConfig.class, source, "$.training");
        return new ModelConfig(variant.name(), model, regularizers, optimizer, training, corruption);
    }

    /** The config as a JSON tree, every field explicit. */
    public JsonNode toTree(ModelConfig config) {
        ObjectNode root = json.createObjectNode();
        root.put("variant", config.variant());
        root.set("model", tree(config.model()));
        ArrayNode regularizers = root.putArray("regularizers");
        config.regularizers().forEach(r -> regularizers.add(tree(r)));
        root.set("optimizer", tree(config.optimizer()));
        root.set("training", tree(config.training()));
        if (config.corruption().isPresent()) {
            root.set("corruption", tree(config.corruption().get()));
        } else {
            root.putNull("corruption");
        }
        return root;
    }

    /** The config as indented JSON, every field explicit. */
    public String toJson(ModelConfig config) {
        try {
            return json.writeValueAsString(toTree(config));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write config of variant " + config.variant(), e);
        }
    }

    private JsonNode tree(Object value) {
        return json.valueToTree(value);
    }

    /**
     * Overlays {@code override} on {@code base}: objects merge field by field, anything else replaces.
     * When a nested polymorphic object changes its {@code "type"}, the overlay starts from that type's
     * own registered defaults instead ({@link org.ae4j.registry.SpecType#defaults()}), or from nothing.
     */
    private JsonNode merge(JsonNode base, JsonNode override) {
        if (override == null) {
            return base;
        }
        if (!base.isObject() || !override.isObject()) {
            return override;
        }
        JsonNode start = base;
        if (override.path("type").isTextual() && base.path("type").isTextual()
                && !override.get("type").asText().equals(base.get("type").asText())) {
            start = defaultsOfType(override.get("type").asText(), base.get("type").asText())
                    .map(d -> (JsonNode) tree(d)).orElse(json.createObjectNode());
        }
        ObjectNode merged = ((ObjectNode) start).deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> it = override.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode existing = merged.get(field.getKey());
            merged.set(field.getKey(), existing == null ? field.getValue() : merge(existing, field.getValue()));
        }
        return merged;
    }

    /** The registered defaults of the spec type {@code name} of the same kind as the registered type {@code sibling}. */
    private Optional<Object> defaultsOfType(String name, String sibling) {
        return registry.specTypes().stream().filter(t -> sibling.equals(t.getName()))
                .flatMap(t -> polymorphicBases(t.getType()).stream())
                .map(kind -> registry.specDefaults(name, kind))
                .flatMap(Optional::stream)
                .findFirst();
    }

    /** The interfaces of {@code type} that carry {@code @JsonTypeInfo}: the kinds it is a spec of. */
    private static List<Class<?>> polymorphicBases(Class<?> type) {
        return java.util.Arrays.stream(type.getInterfaces())
                .filter(base -> base.isAnnotationPresent(com.fasterxml.jackson.annotation.JsonTypeInfo.class)).toList();
    }

    private <T> T convert(JsonNode node, Class<T> type, String source, String path) {
        try {
            return json.treeToValue(node, type);
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null ? "?" : e.getKnownPropertyIds().stream().map(Object::toString)
                    .sorted().collect(Collectors.joining(", "));
            throw new ConfigException(source + ": " + path(path, e) + ": unknown field; known fields: " + known, e);
        } catch (InvalidTypeIdException e) {
            throw new ConfigException(source + ": " + path(path, e) + ".type: unknown type '" + e.getTypeId()
                    + "'; known types: " + knownTypes(e.getBaseType().getRawClass()), e);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new ConfigException(source + ": " + path(path, e) + ": " + cause.getMessage(), e);
        } catch (JsonMappingException e) {
            throw new ConfigException(source + ": " + path(path, e) + ": " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new ConfigException(source + ": " + path + ": " + e.getOriginalMessage(), e);
        }
    }

    private String knownTypes(Class<?> base) {
        return registry.specTypes().stream().filter(t -> base.isAssignableFrom(t.getType()))
                .map(t -> t.getName()).sorted().collect(Collectors.joining(", "));
    }

    private static String path(String prefix, JsonMappingException e) {
        StringBuilder s = new StringBuilder(prefix);
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                s.append('.').append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                s.append('[').append(ref.getIndex()).append(']');
            }
        }
        return s.toString();
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    private static void requireObject(JsonNode node, String source, String path) {
        if (!node.isObject()) {
            throw new ConfigException(source + ": " + path + ": expected an object with a \"type\", got "
                    + node.getNodeType().toString().toLowerCase(Locale.ROOT));
        }
    }

    private static String typeName(JsonNode node, String source, String path) {
        JsonNode type = node.get("type");
        if (!type.isTextual()) {
            throw new ConfigException(source + ": " + path + ".type: expected a registered name, got " + type);
        }
        return type.asText();
    }

    private static <T> T lookup(java.util.function.Supplier<T> find, String source, String path) {
        try {
            return find.get();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source + ": " + path + ": " + e.getMessage());
        }
    }
}
