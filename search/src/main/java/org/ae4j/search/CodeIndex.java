package org.ae4j.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A collection of codes (one vector per item, with the item's id) that answers k-nearest-neighbour queries by
 * {@link Metric}: exactly, by a blocked gemm and a top-k scan on all cores, or approximately, through an HNSW graph
 * (Apache Lucene) whose candidates are then ranked by their exact distances. The graph is built when
 * {@link Options#graph()} asks for it — by default for collections of {@value #GRAPH_FROM_ROWS} items or more, below
 * which exact search is fast enough. Immutable and thread-safe.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class CodeIndex {

    /** With {@link Graph#AUTO}, the collection size from which an HNSW graph is built. */
    public static final int GRAPH_FROM_ROWS = 100_000;

    /** The largest code an HNSW graph holds (Apache Lucene's limit for float vectors). */
    public static final int GRAPH_MAX_DIMENSION = 1024;

    /** Whether to build the HNSW graph. */
    public enum Graph {
        /** For collections of {@value CodeIndex#GRAPH_FROM_ROWS} items or more with codes of at most {@value CodeIndex#GRAPH_MAX_DIMENSION}. */
        AUTO,
        /** Always. */
        ALWAYS,
        /** Never: exact search only. */
        NEVER
    }

    /** How a query is answered. */
    public enum Mode {
        /** Through the graph when the index has one, else exactly. */
        AUTO,
        /** Exactly, whatever the index holds. */
        EXACT,
        /** Through the graph (an error when the index has none). */
        APPROXIMATE
    }

    /**
     * How an index is built and searched.
     *
     * @param metric         the distance
     * @param graph          whether to build the HNSW graph
     * @param maxConnections the graph's links per node and layer (HNSW's M), 2–512
     * @param beamWidth      candidates kept while linking a node (efConstruction), 1–3200
     * @param candidates     candidates a graph search collects before the exact ranking (efSearch), ≥ 1; more is
     *                       slower and closer to exact
     */
    public record Options(Metric metric, Graph graph, int maxConnections, int beamWidth, int candidates) {
        public Options {
            Objects.requireNonNull(metric, "metric");
            Objects.requireNonNull(graph, "graph");
            if (maxConnections < 2 || maxConnections > 512) {
                throw new IllegalArgumentException("maxConnections must be in [2, 512], got " + maxConnections);
            }
            if (beamWidth < 1 || beamWidth > 3200) {
                throw new IllegalArgumentException("beamWidth must be in [1, 3200], got " + beamWidth);
            }
            if (candidates < 1) {
                throw new IllegalArgumentException("candidates must be >= 1, got " + candidates);
            }
        }

        /** L2, the graph from {@value CodeIndex#GRAPH_FROM_ROWS} items, M 16, efConstruction 100, efSearch 100. */
        public static Options defaults() {
            return new Options(Metric.L2, Graph.AUTO, 16, 100, 100);
        }

        public Options withMetric(Metric value) {
            return new Options(value, graph, maxConnections, beamWidth, candidates);
        }

        public Options withGraph(Graph value) {
            return new Options(metric, value, maxConnections, beamWidth, candidates);
        }

        public Options withCandidates(int value) {
            return new Options(metric, graph, maxConnections, beamWidth, value);
        }
    }

    private final float[] codes;
    private final float[] prepared;
    private final int size;
    private final int dimension;
    private final List<String> ids;
    private final Options options;
    private final ExactSearch exact;
    private final Optional<HnswSearch> graph;

    private CodeIndex(float[] codes, float[] prepared, int size, int dimension, List<String> ids, Options options,
            Optional<HnswSearch> graph) {
        this.codes = codes;
        this.prepared = prepared;
        this.size = size;
        this.dimension = dimension;
        this.ids = ids;
        this.options = options;
        this.exact = new ExactSearch(prepared, size, dimension, options.metric());
        this.graph = graph;
    }

    /**
     * Indexes {@code codes} ({@code [size, dimension]}) with their {@code ids}.
     *
     * @throws IllegalArgumentException if the codes are empty, hold NaN or infinity, or the ids do not match them
     */
    public static CodeIndex build(INDArray codes, List<String> ids, Options options) {
        if (codes.rank() != 2) {
            throw new IllegalArgumentException("codes must be a matrix [items, dimension], got shape " + Arrays.toString(codes.shape()));
        }
        return build(codes.castTo(DataType.FLOAT).dup('c').data().asFloat(), Math.toIntExact(codes.rows()),
                Math.toIntExact(codes.columns()), ids, options);
    }

    /** Indexes {@code size} codes given row-major; see {@link #build(INDArray, List, Options)}. */
    public static CodeIndex build(float[] codes, int size, int dimension, List<String> ids, Options options) {
        float[] raw = codes.clone();
        float[] prepared = prepare(raw, size, dimension, ids, options.metric(), "code");
        if (options.graph() == Graph.ALWAYS && dimension > GRAPH_MAX_DIMENSION) {
            throw new IllegalArgumentException("an HNSW graph holds codes of at most " + GRAPH_MAX_DIMENSION + " values (Apache Lucene's "
                    + "limit); these have " + dimension + ": search them exactly (graph NEVER or AUTO)");
        }
        boolean withGraph = options.graph() == Graph.ALWAYS
                || options.graph() == Graph.AUTO && size >= GRAPH_FROM_ROWS && dimension <= GRAPH_MAX_DIMENSION;
        Optional<HnswSearch> graph = withGraph
                ? Optional.of(HnswSearch.build(prepared, size, dimension, options.metric(), options.maxConnections(), options.beamWidth()))
                : Optional.empty();
        return new CodeIndex(raw, prepared, size, dimension, List.copyOf(ids), options, graph);
    }

    /** An index read back from a file: the codes as stored and the graph, if any. */
    static CodeIndex restore(float[] codes, int size, int dimension, List<String> ids, Options options, Optional<HnswSearch> graph) {
        float[] prepared = prepare(codes, size, dimension, ids, options.metric(), "stored code");
        if (graph.isPresent() && graph.get().size() != size) {
            throw new IllegalArgumentException("the HNSW graph holds " + graph.get().size() + " codes, the index " + size);
        }
        return new CodeIndex(codes, prepared, size, dimension, List.copyOf(ids), options, graph);
    }

    /** The k nearest items of each query ({@code [queries, dimension]}), nearest first. */
    public List<List<Neighbor>> search(INDArray queries, int k, Mode mode) {
        if (queries.rank() != 2) {
            throw new IllegalArgumentException("queries must be a matrix [queries, " + dimension + "], got shape "
                    + Arrays.toString(queries.shape()));
        }
        if (queries.columns() != dimension) {
            throw new IllegalArgumentException("the queries have codes of size " + queries.columns() + ", the index holds codes of size "
                    + dimension);
        }
        return search(queries.castTo(DataType.FLOAT).dup('c').data().asFloat(), Math.toIntExact(queries.rows()), k, mode);
    }

    /** The k nearest items of each of {@code count} queries given row-major, nearest first. */
    public List<List<Neighbor>> search(float[] queries, int count, int k, Mode mode) {
        if (k < 1 || k > size) {
            throw new IllegalArgumentException("k must be in [1, " + size + "] (the items indexed), got " + k);
        }
        if ((long) count * dimension != queries.length) {
            throw new IllegalArgumentException(count + " queries of size " + dimension + " need " + (long) count * dimension
                    + " values, got " + queries.length);
        }
        float[] prepared = prepare(queries, count, dimension, null, options.metric(), "query");
        boolean approximate = switch (mode) {
            case AUTO -> graph.isPresent();
            case EXACT -> false;
            case APPROXIMATE -> {
                if (graph.isEmpty()) {
                    throw new IllegalArgumentException("this index has no HNSW graph (it was built for exact search only); "
                            + "search it exactly, or rebuild it with the graph");
                }
                yield true;
            }
        };
        TopK[] answers = approximate ? approximate(prepared, count, k) : exact.search(prepared, count, k);
        List<List<Neighbor>> result = new ArrayList<>(count);
        for (TopK top : answers) {
            int[] rows = top.rows();
            float[] distances = top.distances();
            List<Neighbor> neighbors = new ArrayList<>(rows.length);
            for (int i = 0; i < rows.length; i++) {
                float d = options.metric() == Metric.L2 ? (float) Math.sqrt(Math.max(0, distances[i])) : distances[i];
                neighbors.add(new Neighbor(rows[i], ids.get(rows[i]), d));
            }
            result.add(List.copyOf(neighbors));
        }
        return result;
    }

    private TopK[] approximate(float[] queries, int count, int k) {
        HnswSearch hnsw = graph.orElseThrow();
        int wanted = Math.max(k, options.candidates());
        TopK[] answers = new TopK[count];
        IntStream.range(0, count).parallel().forEach(q -> {
            float[] query = Arrays.copyOfRange(queries, q * dimension, (q + 1) * dimension);
            TopK top = new TopK(k);
            for (int row : hnsw.candidates(query, wanted)) {
                top.offer(row, ExactSearch.distance(query, 0, prepared, row * dimension, dimension, options.metric()));
            }
            answers[q] = top;
        });
        return answers;
    }

    /** Checks the vectors are finite (and the ids match), and scales them to unit length for cosine. */
    private static float[] prepare(float[] values, int count, int dimension, List<String> ids, Metric metric, String what) {
        if (count < 1 || dimension < 1) {
            throw new IllegalArgumentException("an index needs at least one " + what + " of size >= 1, got " + count + " of size "
                    + dimension);
        }
        if ((long) count * dimension != values.length) {
            throw new IllegalArgumentException(count + " " + what + "s of size " + dimension + " need " + (long) count * dimension
                    + " values, got " + values.length);
        }
        if (ids != null && ids.size() != count) {
            throw new IllegalArgumentException(count + " " + what + "s but " + ids.size() + " ids");
        }
        float[] out = metric == Metric.COSINE ? values.clone() : values;
        for (int r = 0; r < count; r++) {
            double norm = 0;
            for (int i = r * dimension; i < (r + 1) * dimension; i++) {
                if (!Float.isFinite(values[i])) {
                    throw new IllegalArgumentException(what + " " + r + " holds " + values[i] + " at position " + (i - r * dimension)
                            + ": codes must be finite");
                }
                norm += (double) values[i] * values[i];
            }
            if (metric == Metric.COSINE && norm > 0) {
                float scale = (float) (1 / Math.sqrt(norm));
                for (int i = r * dimension; i < (r + 1) * dimension; i++) {
                    out[i] *= scale;
                }
            }
        }
        return out;
    }

    public int size() {
        return size;
    }

    public int dimension() {
        return dimension;
    }

    public Options options() {
        return options;
    }

    /** The items' ids, by row. */
    public List<String> ids() {
        return ids;
    }

    /** Whether the index holds an HNSW graph. */
    public boolean hasGraph() {
        return graph.isPresent();
    }

    /** The codes as given, {@code [size, dimension]}. */
    public INDArray codes() {
        return org.nd4j.linalg.factory.Nd4j.createFromArray(codes).reshape(size, dimension);
    }

    /** The codes of {@code rows}, {@code [rows, dimension]}, as given. */
    public INDArray codes(int[] rows) {
        float[] out = new float[rows.length * dimension];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(codes, Math.multiplyExact(java.util.Objects.checkIndex(rows[i], size), dimension), out, i * dimension, dimension);
        }
        return org.nd4j.linalg.factory.Nd4j.createFromArray(out).reshape(rows.length, dimension);
    }

    /** The codes as given, row-major, not copied. */
    float[] rawCodes() {
        return codes;
    }

    Optional<HnswSearch> graph() {
        return graph;
    }
}
