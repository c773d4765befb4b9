package org.ae4j.persist;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ae4j.Ae4j;
import org.ae4j.config.ConfigCodec;
import org.ae4j.config.ConfigException;
import org.ae4j.config.ModelConfig;
import org.ae4j.data.MinMaxNormalizer;
import org.ae4j.data.table.TableSchema;
import org.ae4j.model.Autoencoder;
import org.ae4j.registry.Registry;
import org.ae4j.spi.OptimizerState;
import org.ae4j.spi.Parameter;
import org.ae4j.train.EpochMetrics;
import org.ae4j.train.TrainingState;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The {@code .ae4j} model file: one zip holding
 * <ul>
 *   <li>{@code model.json} — format name and version, ae4j's version, the model config, the plug-in behind
 *       its variant and each spec type it names, input shape, normalizer, training metadata (with the run's
 *       {@link Provenance}), the parameter list and, in checkpoints, the training state;</li>
 *   <li>{@code parameters/NNN.npy} — each parameter as a NumPy array (and, in checkpoints,
 *       {@code optimizer/NNN.npy} and {@code best/NNN.npy});</li>
 *   <li>{@code MANIFEST.sha256} — the SHA-256 of every other entry, verified before anything is parsed.</li>
 * </ul>
 * Saving is atomic. Loading refuses, with a {@link ModelFileException} naming the file and the
 * problem, a file that is not a zip, is truncated, has an entry altered, added or missing, was
 * written by a newer format version, or whose config names components no loaded plug-in provides.
 * Nothing is deserialised with Java serialisation and no class name is read from the file.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ModelFile {

    /** The format version this ae4j writes and the newest it reads. */
    public static final int FORMAT_VERSION = 1;
    public static final String EXTENSION = ".ae4j";

    private static final String FORMAT_NAME = "ae4j-model";
    private static final String MODEL_JSON = "model.json";
    private static final long MAX_FILE_BYTES = 2L << 30;

    private ModelFile() {
    }

    /** Writes {@code saved} to {@code file} atomically. */
    public static void save(Path file, SavedModel saved, Registry registry) throws IOException {
        ConfigCodec codec = new ConfigCodec(registry);
        ObjectMapper json = codec.mapper();
        Map<String, byte[]> entries = new LinkedHashMap<>();
        ObjectNode root = json.createObjectNode();
        root.put("format", FORMAT_NAME);
        root.put("formatVersion", FORMAT_VERSION);
        root.put("ae4jVersion", Ae4j.version());
        root.set("config", codec.toTree(saved.config()));
        root.set("components", PluginRecords.of(root.get("config"), registry, json));
        ArrayNode shape = root.putArray("inputShape");
        Arrays.stream(saved.inputShape()).forEach(shape::add);
        if (saved.normalizer().isPresent()) {
            root.set("normalizer", json.valueToTree(saved.normalizer().get()));
        } else {
            root.putNull("normalizer");
        }
        root.set("training", json.valueToTree(saved.metadata()));
        if (saved.table().isPresent()) {
            root.set("table", json.valueToTree(saved.table().get()));
        }
        if (saved.threshold().isPresent()) {
            root.set("anomalyThreshold", json.valueToTree(saved.threshold().get()));
        }
        ArrayNode parameters = root.putArray("parameters");
        List<Parameter> params = saved.model().parameters();
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            String path = String.format("parameters/%03d.npy", i);
            entries.put(path, Npy.write(p.value()));
            ObjectNode entry = parameters.addObject();
            entry.put("name", p.name());
            ArrayNode dims = entry.putArray("shape");
            Arrays.stream(p.value().shape()).forEach(dims::add);
            entry.put("file", path);
        }
        if (saved.checkpoint().isPresent()) {
            root.set("checkpoint", checkpointTree(json, saved.checkpoint().get(), entries));
        } else {
            root.putNull("checkpoint");
        }
        Map<String, byte[]> all = new LinkedHashMap<>();
        all.put(MODEL_JSON, json.writeValueAsBytes(root));
        all.putAll(entries);
        ChecksummedZip.write(file, all);
    }

    private static ObjectNode checkpointTree(ObjectMapper json, TrainingState state, Map<String, byte[]> entries) {
        ObjectNode node = json.createObjectNode();
        node.put("epochsCompleted", state.epochsCompleted());
        node.set("history", json.valueToTree(state.history()));
        if (Double.isFinite(state.bestValidationLoss())) {
            node.put("bestValidationLoss", state.bestValidationLoss());
        } else {
            node.putNull("bestValidationLoss");
        }
        node.put("bestEpoch", state.bestEpoch());
        node.put("epochsWithoutImprovement", state.epochsWithoutImprovement());
        node.put("optimizerIterations", state.optimizer().iterations());
        node.set("optimizerArrays", arrays(json, "optimizer", state.optimizer().arrays(), entries));
        node.set("bestParameters", arrays(json, "best", state.bestParameters(), entries));
        return node;
    }

    private static ArrayNode arrays(ObjectMapper json, String folder, List<INDArray> arrays, Map<String, byte[]> entries) {
        ArrayNode list = json.createArrayNode();
        for (int i = 0; i < arrays.size(); i++) {
            String path = String.format("%s/%03d.npy", folder, i);
            entries.put(path, Npy.write(arrays.get(i)));
            ObjectNode entry = list.addObject();
            entry.put("file", path);
            ArrayNode dims = entry.putArray("shape");
            Arrays.stream(arrays.get(i).shape()).forEach(dims::add);
        }
        return list;
    }

    /**
     * Loads a model file, rebuilding the model through {@code registry} (which must know its variant
     * and components) and restoring every parameter.
     */
    public static SavedModel load(Path file, Registry registry) throws IOException {
        Map<String, byte[]> entries;
        try {
            entries = ChecksummedZip.read(file, "ae4j model file", MAX_FILE_BYTES);
        } catch (FileIntegrityException e) {
            throw new ModelFileException(e.getMessage(), e);
        }
        if (!entries.containsKey(MODEL_JSON)) {
            throw new ModelFileException(file + " has no " + MODEL_JSON);
        }
        ConfigCodec codec = new ConfigCodec(registry);
        JsonNode root;
        try {
            root = codec.mapper().readTree(entries.get(MODEL_JSON));
        } catch (JsonProcessingException e) {
            throw new ModelFileException(file + ": model.json is not valid JSON: " + e.getOriginalMessage());
        }
        Reader reader = new Reader(file, root);
        if (!FORMAT_NAME.equals(reader.text(root, "format"))) {
            throw new ModelFileException(file + " is not an ae4j model file (format '" + reader.text(root, "format") + "')");
        }
        int version = reader.integer(root, "formatVersion");
        if (version > FORMAT_VERSION) {
            throw new ModelFileException(file + " was written by a newer ae4j (" + reader.text(root, "ae4jVersion")
                    + ", format version " + version + "); this ae4j " + Ae4j.version() + " reads format version "
                    + FORMAT_VERSION + " and older: upgrade ae4j to load it");
        }
        if (version < 1) {
            throw new ModelFileException(file + ": invalid format version " + version);
        }
        PluginRecords.requireLoaded(file, root.get("components"), registry);
        ModelConfig config;
        try {
            config = codec.fromTree(reader.required(root, "config"), file + " (config)");
        } catch (ConfigException e) {
            throw new ModelFileException(e.getMessage(), e);
        }
        long[] inputShape = reader.longs(reader.required(root, "inputShape"), "inputShape");
        Autoencoder model;
        try {
            model = config.build(inputShape, registry);
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file + ": the config cannot build a model: " + e.getMessage(), e);
        }
        List<Parameter> params = model.parameters();
        JsonNode paramList = reader.required(root, "parameters");
        if (!paramList.isArray() || paramList.size() != params.size()) {
            throw new ModelFileException(file + ": lists " + paramList.size() + " parameters, but its config builds "
                    + params.size());
        }
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            JsonNode entry = paramList.get(i);
            if (!p.name().equals(reader.text(entry, "name"))) {
                throw new ModelFileException(file + ": parameter " + i + " is '" + reader.text(entry, "name")
                        + "', but the config builds '" + p.name() + "'");
            }
            INDArray value = reader.array(entries, entry, p.value().shape());
            p.value().assign(value.castTo(p.value().dataType()));
        }
        Optional<MinMaxNormalizer> normalizer = Optional.empty();
        JsonNode normalizerNode = reader.required(root, "normalizer");
        if (!normalizerNode.isNull()) {
            normalizer = Optional.of(reader.convert(normalizerNode, MinMaxNormalizer.class, "normalizer"));
        }
        TrainingMetadata metadata = reader.convert(reader.required(root, "training"), TrainingMetadata.class, "training");
        JsonNode tableNode = root.get("table");
        Optional<TableSchema> table = tableNode == null || tableNode.isNull() ? Optional.empty()
                : Optional.of(reader.convert(tableNode, TableSchema.class, "table"));
        JsonNode thresholdNode = root.get("anomalyThreshold");
        Optional<AnomalyThreshold> threshold = thresholdNode == null || thresholdNode.isNull() ? Optional.empty()
                : Optional.of(reader.convert(thresholdNode, AnomalyThreshold.class, "anomalyThreshold"));
        Optional<TrainingState> checkpoint = Optional.empty();
        JsonNode checkpointNode = reader.required(root, "checkpoint");
        if (!checkpointNode.isNull()) {
            checkpoint = Optional.of(reader.checkpoint(entries, checkpointNode, params));
        }
        try {
            return new SavedModel(config, inputShape, normalizer, model, metadata, checkpoint, table, threshold);
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file + ": " + e.getMessage(), e);
        }
    }

    static String sha256(byte[] bytes) {
        return ChecksummedZip.sha256(bytes);
    }

    /** Field access on model.json with errors that name the file and the field. */
    private record Reader(Path file, JsonNode root) {

        JsonNode required(JsonNode node, String field) throws ModelFileException {
            JsonNode value = node.get(field);
            if (value == null) {
                throw new ModelFileException(file + ": model.json lacks '" + field + "'");
            }
            return value;
        }

        String text(JsonNode node, String field) throws ModelFileException {
            return required(node, field).asText();
        }

        int integer(JsonNode node, String field) throws ModelFileException {
            JsonNode value = required(node, field);
            if (!value.canConvertToInt()) {
                throw new ModelFileException(file + ": '" + field + "' must be an integer, got " + value);
            }
            return value.asInt();
        }

        long[] longs(JsonNode node, String field) throws ModelFileException {
            if (!node.isArray()) {
                throw new ModelFileException(file + ": '" + field + "' must be an array of integers");
            }
            long[] values = new long[node.size()];
            for (int i = 0; i < values.length; i++) {
                if (!node.get(i).canConvertToLong() || node.get(i).asLong() < 1) {
                    throw new ModelFileException(file + ": '" + field + "' must hold positive integers, got " + node);
                }
                values[i] = node.get(i).asLong();
            }
            return values;
        }

        <T> T convert(JsonNode node, Class<T> type, String field) throws ModelFileException {
            try {
                return new ObjectMapper().registerModule(new com.fasterxml.jackson.datatype.jdk8.Jdk8Module()).treeToValue(node, type);
            } catch (JsonProcessingException | IllegalArgumentException e) {
                throw new ModelFileException(file + ": invalid '" + field + "': " + e.getMessage(), e);
            }
        }

        INDArray array(Map<String, byte[]> entries, JsonNode entry, long[] expectedShape) throws ModelFileException {
            String path = text(entry, "file");
            byte[] bytes = entries.get(path);
            if (bytes == null) {
                throw new ModelFileException(file + ": missing array " + path);
            }
            return Npy.read(bytes, expectedShape, file + "!" + path);
        }

        TrainingState checkpoint(Map<String, byte[]> entries, JsonNode node, List<Parameter> params) throws ModelFileException {
            List<EpochMetrics> history = new ArrayList<>();
            for (JsonNode epoch : required(node, "history")) {
                history.add(convert(epoch, EpochMetrics.class, "checkpoint.history"));
            }
            JsonNode best = required(node, "bestValidationLoss");
            List<INDArray> optimizerArrays = new ArrayList<>();
            for (JsonNode entry : required(node, "optimizerArrays")) {
                optimizerArrays.add(array(entries, entry, longs(required(entry, "shape"), "shape")));
            }
            List<INDArray> bestParameters = new ArrayList<>();
            JsonNode bestList = required(node, "bestParameters");
            if (bestList.size() != 0 && bestList.size() != params.size()) {
                throw new ModelFileException(file + ": checkpoint keeps " + bestList.size() + " best parameters, expected "
                        + params.size());
            }
            for (int i = 0; i < bestList.size(); i++) {
                bestParameters.add(array(entries, bestList.get(i), params.get(i).value().shape())
                        .castTo(params.get(i).value().dataType()));
            }
            try {
                return new TrainingState(integer(node, "epochsCompleted"), history,
                        best.isNull() ? Double.POSITIVE_INFINITY : best.asDouble(), integer(node, "bestEpoch"),
                        integer(node, "epochsWithoutImprovement"),
                        bestParameters, new OptimizerState(required(node, "optimizerIterations").asLong(), optimizerArrays));
            } catch (IllegalArgumentException e) {
                throw new ModelFileException(file + ": invalid checkpoint: " + e.getMessage(), e);
            }
        }
    }
}
