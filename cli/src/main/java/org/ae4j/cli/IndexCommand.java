package org.ae4j.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ae4j.persist.ModelFile;
import org.ae4j.persist.SavedModel;
import org.ae4j.search.CodeIndex;
import org.ae4j.search.IndexFile;
import org.ae4j.search.Metric;
import org.ae4j.search.SimilarityIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Encodes a collection and writes its search index. */
@Command(name = "index", mixinStandardHelpOptions = true,
        description = {"Encode a collection (a table, an image folder, IDX or NumPy examples) with a trained model and write a "
                + "search index of its codes for 'ae4j search': the codes, each item's id (a table's identifier column or "
                + "row number, an image's path in the folder, else its position), the model, and — for large collections — "
                + "an HNSW graph (Apache Lucene) for approximate search. The file is checksummed and written atomically."})
final class IndexCommand implements Callable<Integer> {

    @ParentCommand
    Ae4jCommand app;

    @Option(names = "--model", paramLabel = "MODEL", required = true, description = "A model saved by 'ae4j train'.")
    Path model;

    @Option(names = "--data", paramLabel = "COLLECTION", required = true, description = "The items to index, read as the "
            + "model's training data was.")
    Path data;

    @Option(names = "--out", paramLabel = "INDEX", required = true, description = "The index file (.ae4jx).")
    Path out;

    @Option(names = "--metric", paramLabel = "NAME", defaultValue = "l2", description = "l2 or cosine (default: ${DEFAULT-VALUE}).")
    String metric;

    @Option(names = "--graph", paramLabel = "WHEN", defaultValue = "auto", description = "Build the HNSW graph: auto (from "
            + CodeIndex.GRAPH_FROM_ROWS + " items), always or never (default: ${DEFAULT-VALUE}).")
    String graph;

    @Option(names = "--max-connections", paramLabel = "M", defaultValue = "16", description = "HNSW links per node (default: "
            + "${DEFAULT-VALUE}).")
    int maxConnections;

    @Option(names = "--beam-width", paramLabel = "N", defaultValue = "100", description = "HNSW candidates while linking "
            + "(efConstruction, default: ${DEFAULT-VALUE}).")
    int beamWidth;

    @Option(names = "--candidates", paramLabel = "N", defaultValue = "100", description = "HNSW candidates per query before the "
            + "exact ranking (efSearch, default: ${DEFAULT-VALUE}).")
    int candidates;

    @Override
    public Integer call() throws Exception {
        CodeIndex.Options options = new CodeIndex.Options(Metric.parse(metric), graphOption(graph), maxConnections, beamWidth,
                candidates);
        SavedModel saved = ModelFile.load(model, app.registry());
        ModelInput.Examples items = ModelInput.examples(saved, data);
        long start = System.nanoTime();
        SimilarityIndex index = SimilarityIndex.build(saved, items.data(), items.ids(), options);
        double seconds = (System.nanoTime() - start) / 1e9;
        IndexFile.save(out, index, app.registry());
        app.say(String.format(Locale.ROOT, "indexed %,d items (codes of size %d, %s%s) in %.2f s; wrote %s", index.codes().size(),
                index.codes().dimension(), options.metric().label(), index.codes().hasGraph() ? ", with an HNSW graph" : ", exact search",
                seconds, out));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("items", index.codes().size());
        json.put("code_size", index.codes().dimension());
        json.put("metric", options.metric().label());
        json.put("graph", index.codes().hasGraph());
        json.put("seconds", Ae4jCommand.number(seconds));
        json.put("out", out.toString());
        app.result(json);
        return Cli.OK;
    }

    private static CodeIndex.Graph graphOption(String name) {
        for (CodeIndex.Graph g : CodeIndex.Graph.values()) {
            if (g.name().equalsIgnoreCase(name)) {
                return g;
            }
        }
        throw new IllegalArgumentException("--graph must be auto, always or never, got '" + name + "'");
    }
}
