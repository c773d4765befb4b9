package org.ae4j.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ae4j.bench.ImageGrid;
import org.ae4j.data.Dataset;
import org.ae4j.persist.AtomicFiles;
import org.ae4j.search.CodeIndex;
import org.ae4j.search.IndexFile;
import org.ae4j.search.Neighbor;
import org.ae4j.search.SimilarityIndex;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Answers k-nearest-neighbour queries from an index made by {@code ae4j index}. */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = {"Find the items of an indexed collection nearest to each query (a table's rows, an image, a folder of "
                + "images…, read as the collection was) in the model's code space, and print them; optionally write them as "
                + "CSV and, for images, a PNG grid of each query and its neighbours."})
final class SearchCommand implements Callable<Integer> {

    /** Queries drawn in the grid at most. */
    private static final int GRID_ROWS = 10;

    /** Queries printed at most (the CSV and JSON hold all). */
    private static final int PRINTED = 20;

    @ParentCommand
    Ae4jCommand app;

    @Option(names = "--index", paramLabel = "INDEX", required = true, description = "An index written by 'ae4j index'.")
    Path index;

    @Option(names = "--query", paramLabel = "FILE", required = true, description = "The queries, in the collection's form.")
    Path query;

    @Option(names = {"-k", "--k"}, paramLabel = "K", defaultValue = "10", description = "Neighbours per query (default: "
            + "${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--exact", description = "Search exactly even when the index has an HNSW graph.")
    boolean exact;

    @Option(names = "--out", paramLabel = "CSV", description = "Write every answer: query, rank, id, distance.")
    Path out;

    @Option(names = "--grid", paramLabel = "PNG", description = "Images: draw each query (up to " + GRID_ROWS + ") and its neighbours.")
    Path grid;

    @Option(names = "--data", paramLabel = "COLLECTION", description = "--grid: draw the neighbours from the indexed collection "
            + "(else from their codes, decoded by the model).")
    Path data;

    @Option(names = "--scale", paramLabel = "K", defaultValue = "2", description = "--grid: pixels per image pixel (default: "
            + "${DEFAULT-VALUE}).")
    int scale;

    @Override
    public Integer call() throws Exception {
        if (scale < 1 || scale > 16) {
            throw new IllegalArgumentException("--scale must be in 1…16, got " + scale);
        }
        SimilarityIndex loaded = IndexFile.load(index, app.registry());
        ModelInput.Examples queries = ModelInput.examples(loaded.model(), query);
        long start = System.nanoTime();
        List<List<Neighbor>> answers = loaded.search(queries.data(), k, exact ? CodeIndex.Mode.EXACT : CodeIndex.Mode.AUTO);
        double seconds = (System.nanoTime() - start) / 1e9;
        for (int q = 0; q < Math.min(PRINTED, answers.size()); q++) {
            StringBuilder line = new StringBuilder(queries.ids().get(q)).append(':');
            for (Neighbor n : answers.get(q)) {
                line.append(String.format(Locale.ROOT, "  %s (%.4g)", n.id(), n.distance()));
            }
            app.say(line.toString());
        }
        if (answers.size() > PRINTED) {
            app.say("… " + (answers.size() - PRINTED) + " more queries" + (out == null ? " (--out writes them all)" : ""));
        }
        app.say(String.format(Locale.ROOT, "%,d queries, %d neighbours each, %s search in %.3f s", answers.size(), k,
                loaded.codes().hasGraph() && !exact ? "HNSW" : "exact", seconds));
        if (out != null) {
            AtomicFiles.write(out, csv(queries.ids(), answers).getBytes(StandardCharsets.UTF_8));
            app.say("wrote " + out);
        }
        if (grid != null) {
            AtomicFiles.write(grid, grid(loaded, queries.data(), answers));
            app.say("wrote " + grid);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("queries", answers.size());
        json.put("k", k);
        json.put("search", loaded.codes().hasGraph() && !exact ? "hnsw" : "exact");
        json.put("seconds", Ae4jCommand.number(seconds));
        List<Object> all = new ArrayList<>();
        for (int q = 0; q < answers.size(); q++) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("query", queries.ids().get(q));
            one.put("neighbors", answers.get(q).stream().map(n -> Map.of("id", n.id(), "distance", Ae4jCommand.number(n.distance())))
                    .toList());
            all.add(one);
        }
        json.put("answers", all);
        app.result(json);
        return Cli.OK;
    }

    private static String csv(List<String> queryIds, List<List<Neighbor>> answers) {
        StringBuilder csv = new StringBuilder("query,rank,id,distance\n");
        for (int q = 0; q < answers.size(); q++) {
            int rank = 1;
            for (Neighbor n : answers.get(q)) {
                csv.append(CsvText.quote(queryIds.get(q))).append(',').append(rank++).append(',').append(CsvText.quote(n.id()))
                        .append(',').append(n.distance()).append('\n');
            }
        }
        return csv.toString();
    }

    /** One row per query: the query, then its neighbours from the collection or decoded from their codes. */
    private byte[] grid(SimilarityIndex loaded, Dataset queries, List<List<Neighbor>> answers) throws java.io.IOException {
        int side = ImageGrid.side(loaded.model().inputShape());
        int rows = Math.min(GRID_ROWS, answers.size());
        Dataset collection = data == null ? null : ModelInput.examples(loaded.model(), data).data();
        if (collection != null && collection.size() != loaded.codes().size()) {
            throw new IllegalArgumentException(data + " holds " + collection.size() + " items, the index " + loaded.codes().size()
                    + ": give --data the collection that was indexed");
        }
        List<INDArray> cells = new ArrayList<>();
        for (int q = 0; q < rows; q++) {
            cells.add(queries.features().get(NDArrayIndex.interval(q, q + 1)).reshape('c', 1, (long) side * side));
            int[] neighbours = answers.get(q).stream().mapToInt(Neighbor::row).toArray();
            INDArray images = collection != null ? collection.select(neighbours).features()
                    : loaded.model().model().decode(loaded.codes().codes(neighbours));
            cells.add(images.reshape('c', neighbours.length, (long) side * side));
        }
        return ImageGrid.png(Nd4j.vstack(cells.toArray(INDArray[]::new)), side, k + 1, scale);
    }
}
