package org.ae4j.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.store.IndexOutput;

/**
 * An HNSW graph over the codes, built and searched by Apache Lucene ({@code lucene-core}'s
 * {@link Lucene99HnswVectorsFormat}) in an in-memory directory whose files the index file stores. Each code is a
 * document with its vector and its row (a doc value), so answers never depend on Lucene's document numbering. Searches
 * return candidate rows; {@link CodeIndex} ranks them by their exact distances. Thread-safe once built.
 */
final class HnswSearch {

    /**
     * Lucene warns, on its first vector operation, that Java 17 is too old for its Panama vectorisation when the JVM has
     * the incubator module (as ae4j's launcher starts it) — true and not actionable for ae4j's users, so that one
     * logger is quietened (held here: java.util.logging keeps loggers only weakly).
     */
    private static final java.util.logging.Logger LUCENE_VECTORIZATION = quieten("org.apache.lucene.internal.vectorization");

    private static final String VECTOR = "code";
    private static final String ROW = "row";

    private final ByteBuffersDirectory directory;
    private final DirectoryReader reader;
    private final int[] rowOfDoc;

    private static java.util.logging.Logger quieten(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.SEVERE);
        return logger;
    }

    private HnswSearch(ByteBuffersDirectory directory) throws IOException {
        this.directory = directory;
        this.reader = DirectoryReader.open(directory);
        this.rowOfDoc = new int[reader.maxDoc()];
        Arrays.fill(rowOfDoc, -1);
        for (LeafReaderContext leaf : reader.leaves()) {
            NumericDocValues rows = leaf.reader().getNumericDocValues(ROW);
            if (rows == null) {
                throw new IOException("the HNSW graph has no row numbers");
            }
            for (int doc = rows.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = rows.nextDoc()) {
                rowOfDoc[leaf.docBase + doc] = Math.toIntExact(rows.longValue());
            }
        }
    }

    /**
     * Builds the graph of {@code size} codes (row-major, unit rows for cosine).
     *
     * @param maxConnections each node's links per layer (Lucene's M)
     * @param beamWidth      the candidates kept while linking a new node (efConstruction)
     */
    static HnswSearch build(float[] codes, int size, int dimension, Metric metric, int maxConnections, int beamWidth) {
        ByteBuffersDirectory directory = new ByteBuffersDirectory();
        KnnVectorsFormat format = new Lucene99HnswVectorsFormat(maxConnections, beamWidth);
        IndexWriterConfig config = new IndexWriterConfig()
                .setCodec(new Lucene912Codec() {
                    @Override
                    public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                        return format;
                    }
                })
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                .setMergePolicy(NoMergePolicy.INSTANCE)
                .setUseCompoundFile(false)
                .setRAMBufferSizeMB(Math.min(1900, 64 + (double) size * (dimension * 4L + 8L * maxConnections + 64) * 2 / (1 << 20)));
        VectorSimilarityFunction similarity = metric == Metric.L2 ? VectorSimilarityFunction.EUCLIDEAN
                : VectorSimilarityFunction.DOT_PRODUCT;
        try (IndexWriter writer = new IndexWriter(directory, config)) {
            for (int r = 0; r < size; r++) {
                Document doc = new Document();
                doc.add(new KnnFloatVectorField(VECTOR, Arrays.copyOfRange(codes, r * dimension, (r + 1) * dimension), similarity));
                doc.add(new NumericDocValuesField(ROW, r));
                writer.addDocument(doc);
            }
            writer.commit();
            return new HnswSearch(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("building the HNSW graph in memory failed: " + e.getMessage(), e);
        }
    }

    /** The graph stored by {@link #files()}; a damaged file is reported by Lucene's own checks. */
    static HnswSearch open(Map<String, byte[]> files) throws IOException {
        ByteBuffersDirectory directory = new ByteBuffersDirectory();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            try (IndexOutput out = directory.createOutput(file.getKey(), IOContext.DEFAULT)) {
                out.writeBytes(file.getValue(), file.getValue().length);
            }
        }
        return new HnswSearch(directory);
    }

    /** Lucene's files of the graph, by name. */
    Map<String, byte[]> files() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String name : directory.listAll()) {
            if (name.equals("write.lock")) {
                continue;
            }
            try (IndexInput in = directory.openInput(name, IOContext.READONCE)) {
                byte[] bytes = new byte[Math.toIntExact(in.length())];
                in.readBytes(bytes, 0, bytes.length);
                files.put(name, bytes);
            }
        }
        return files;
    }

    /** The number of codes in the graph. */
    int size() {
        return reader.numDocs();
    }

    /** Up to {@code candidates} rows near {@code query} (prepared like the codes), best first. */
    int[] candidates(float[] query, int candidates) {
        try {
            ScoreDoc[] all = new ScoreDoc[0];
            for (LeafReaderContext leaf : reader.leaves()) {
                TopDocs hits = leaf.reader().searchNearestVectors(VECTOR, query, candidates, null, Integer.MAX_VALUE);
                ScoreDoc[] local = hits.scoreDocs;
                for (ScoreDoc hit : local) {
                    hit.doc += leaf.docBase;
                }
                all = merge(all, local);
            }
            int count = Math.min(candidates, all.length);
            int[] rows = new int[count];
            for (int i = 0; i < count; i++) {
                rows[i] = rowOfDoc[all[i].doc];
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("searching the HNSW graph failed: " + e.getMessage(), e);
        }
    }

    private static ScoreDoc[] merge(ScoreDoc[] a, ScoreDoc[] b) {
        if (a.length == 0) {
            return b;
        }
        ScoreDoc[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        Arrays.sort(all, (x, y) -> Float.compare(y.score, x.score));
        return all;
    }
}
