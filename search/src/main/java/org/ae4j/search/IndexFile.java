package org.ae4j.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.ae4j.Ae4j;
import org.ae4j.persist.ChecksummedZip;
import org.ae4j.persist.FileIntegrityException;
import org.ae4j.persist.ModelFile;
import org.ae4j.persist.Npy;
import org.ae4j.persist.SavedModel;
import org.ae4j.registry.Registry;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The {@code .ae4jx} search index file, with the integrity rules of model files ({@link ChecksummedZip}: one zip, a
 * SHA-256 manifest verified before anything is parsed, written atomically, refused when altered):
 * <ul>
 *   <li>{@code index.json} — format name and version, ae4j's version, metric, item count, code size, graph settings;</li>
 *   <li>{@code codes.npy} — the codes, float32 {@code [items, dimension]};</li>
 *   <li>{@code ids.json} — the items' ids, in row order;</li>
 *   <li>{@code model.ae4j} — the model file that encodes queries, itself checksummed;</li>
 *   <li>{@code hnsw/…} — Apache Lucene's files of the HNSW graph, when the index has one (Lucene checks its own
 *       checksums too).</li>
 * </ul>
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class IndexFile {

    /** The version of the layout this ae4j writes; newer ones are refused. */
    public static final int FORMAT_VERSION = 1;

    /** The file name extension. */
    public static final String EXTENSION = ".ae4jx";

    private static final String FORMAT_NAME = "ae4j-index";
    private static final String INDEX_JSON = "index.json";
    private static final String CODES = "codes.npy";
    private static final String IDS = "ids.json";
    private static final String MODEL = "model.ae4j";
    private static final String GRAPH = "hnsw/";
    private static final long MAX_FILE_BYTES = 2L << 30;

    private static final ObjectMapper JSON = new ObjectMapper();

    private IndexFile() {
    }

    /** Writes {@code index} to {@code file}, atomically; the model is stored through {@link ModelFile}. */
    public static void save(Path file, SimilarityIndex index, Registry registry) throws IOException {
        CodeIndex codes = index.codes();
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT_NAME);
        root.put("formatVersion", FORMAT_VERSION);
        root.put("ae4jVersion", Ae4j.version());
        root.put("metric", codes.options().metric().label());
        root.put("items", codes.size());
        root.put("dimension", codes.dimension());
        root.put("graph", codes.hasGraph());
        root.put("maxConnections", codes.options().maxConnections());
        root.put("beamWidth", codes.options().beamWidth());
        root.put("candidates", codes.options().candidates());
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(INDEX_JSON, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        entries.put(CODES, Npy.write(Nd4j.createFromArray(codes.rawCodes()).reshape(codes.size(), codes.dimension())));
        entries.put(IDS, JSON.writeValueAsBytes(codes.ids()));
        entries.put(MODEL, modelBytes(index.model(), registry));
        if (codes.graph().isPresent()) {
            codes.graph().get().files().forEach((name, bytes) -> entries.put(GRAPH + name, bytes));
        }
        ChecksummedZip.write(file, entries);
    }

    /**
     * Reads an index written by {@link #save}.
     *
     * @throws FileIntegrityException if the file is missing, damaged, altered, truncated, of a newer format, or its parts
     *                                disagree
     */
    public static SimilarityIndex load(Path file, Registry registry) throws IOException {
        Map<String, byte[]> entries = ChecksummedZip.read(file, "ae4j index file", MAX_FILE_BYTES);
        JsonNode root;
        try {
            root = JSON.readTree(require(file, entries, INDEX_JSON));
        } catch (JsonProcessingException e) {
            throw new FileIntegrityException(file + ": " + INDEX_JSON + " is not valid JSON: " + e.getOriginalMessage());
        }
        if (!FORMAT_NAME.equals(root.path("format").asText())) {
            throw new FileIntegrityException(file + " is not an ae4j index file (format '" + root.path("format").asText() + "')");
        }
        int version = integer(file, root, "formatVersion", 1, Integer.MAX_VALUE);
        if (version > FORMAT_VERSION) {
            throw new FileIntegrityException(file + " was written by a newer ae4j (" + root.path("ae4jVersion").asText()
                    + ", index format " + version + "); this ae4j " + Ae4j.version() + " reads format " + FORMAT_VERSION
                    + " and older: upgrade ae4j to load it");
        }
        int items = integer(file, root, "items", 1, Integer.MAX_VALUE);
        int dimension = integer(file, root, "dimension", 1, 1 << 20);
        CodeIndex.Options options;
        try {
            options = new CodeIndex.Options(Metric.parse(root.path("metric").asText()),
                    root.path("graph").asBoolean() ? CodeIndex.Graph.ALWAYS : CodeIndex.Graph.NEVER,
                    integer(file, root, "maxConnections", 2, 512), integer(file, root, "beamWidth", 1, 3200),
                    integer(file, root, "candidates", 1, Integer.MAX_VALUE));
        } catch (IllegalArgumentException e) {
            throw new FileIntegrityException(file + ": " + INDEX_JSON + ": " + e.getMessage(), e);
        }
        float[] codes = Npy.read(require(file, entries, CODES), new long[] {items, dimension}, file + "!" + CODES)
                .castTo(DataType.FLOAT).dup('c').data().asFloat();
        List<String> ids = ids(file, require(file, entries, IDS), items);
        Map<String, byte[]> graphFiles = new TreeMap<>();
        entries.forEach((name, bytes) -> {
            if (name.startsWith(GRAPH)) {
                graphFiles.put(name.substring(GRAPH.length()), bytes);
            }
        });
        if (root.path("graph").asBoolean() == graphFiles.isEmpty()) {
            throw new FileIntegrityException(file + ": " + INDEX_JSON + " says graph=" + root.path("graph").asBoolean() + " but the file "
                    + (graphFiles.isEmpty() ? "has no" : "has") + " HNSW graph files");
        }
        SavedModel model = model(file, require(file, entries, MODEL), registry);
        try {
            Optional<HnswSearch> graph = graphFiles.isEmpty() ? Optional.empty() : Optional.of(HnswSearch.open(graphFiles));
            return new SimilarityIndex(model, CodeIndex.restore(codes, items, dimension, ids, options, graph));
        } catch (IOException | RuntimeException e) {
            throw new FileIntegrityException(file + ": the index does not hold together: " + e.getMessage(), e);
        }
    }

    private static byte[] modelBytes(SavedModel model, Registry registry) throws IOException {
        Path temp = Files.createTempFile("ae4j-index-model", ModelFile.EXTENSION);
        try {
            ModelFile.save(temp, model, registry);
            return Files.readAllBytes(temp);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static SavedModel model(Path file, byte[] bytes, Registry registry) throws IOException {
        Path temp = Files.createTempFile("ae4j-index-model", ModelFile.EXTENSION);
        try {
            Files.write(temp, bytes);
            return ModelFile.load(temp, registry);
        } catch (FileIntegrityException e) {
            throw new FileIntegrityException(file + ": its model: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static List<String> ids(Path file, byte[] bytes, int items) throws IOException {
        JsonNode node;
        try {
            node = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new FileIntegrityException(file + ": " + IDS + " is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isArray() || node.size() != items) {
            throw new FileIntegrityException(file + ": " + IDS + " must be an array of " + items + " ids, got "
                    + (node == null || !node.isArray() ? "no array" : node.size() + " entries"));
        }
        List<String> ids = new ArrayList<>(items);
        for (JsonNode id : node) {
            if (!id.isTextual()) {
                throw new FileIntegrityException(file + ": " + IDS + " entry " + ids.size() + " is not a string");
            }
            ids.add(id.asText());
        }
        return ids;
    }

    private static byte[] require(Path file, Map<String, byte[]> entries, String name) throws FileIntegrityException {
        byte[] bytes = entries.get(name);
        if (bytes == null) {
            throw new FileIntegrityException(file + " has no " + name + "; not an ae4j index file");
        }
        return bytes;
    }

    private static int integer(Path file, JsonNode root, String field, int min, int max) throws FileIntegrityException {
        JsonNode node = root.get(field);
        if (node == null || !node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() < min || node.asInt() > max) {
            throw new FileIntegrityException(file + ": " + INDEX_JSON + " field '" + field + "' must be an integer in [" + min + ", "
                    + max + "], got " + node);
        }
        return node.asInt();
    }
}
