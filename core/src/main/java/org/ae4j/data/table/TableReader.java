package org.ae4j.data.table;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ae4j.data.Dataset;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads CSV/TSV tables into features, streaming: a first pass profiles the training rows' columns (bounded
 * memory per column) and fits a {@link TableSchema}; a second encodes every row straight into native float
 * arrays of the right size. The text is never held; a 1 GB file needs its encoded floats and little else.
 *
 * <p>Rows are split into training and test rows by a seeded hash of the row's index (the same rows for the same
 * seed, whatever the file's size), so the schema is fitted on training rows only.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class TableReader {

    private TableReader() {
    }

    /**
     * Fits a schema on the training rows of {@code file} and encodes its rows.
     *
     * @param testFraction the share of rows held out as test rows, in [0, 1); 0 for none (the test table is then empty)
     * @param seed         chooses the test rows
     */
    public static Table.Split fit(Path file, TableOptions options, double testFraction, long seed) throws IOException {
        if (!(testFraction >= 0 && testFraction < 1)) {
            throw new IllegalArgumentException("the test fraction must be in [0, 1), got " + testFraction);
        }
        CsvRows rows = CsvRows.open(file, options.delimiter());
        SchemaFitter fitter = new SchemaFitter(rows.header(), options, seed, file.toString());
        RowSplit split = new RowSplit(testFraction, seed);
        long[] counts = new long[2];
        rows.forEach(row -> {
            boolean test = split.isTest(counts[0] + counts[1]);
            counts[test ? 1 : 0]++;
            if (!test) {
                fitter.accept(row.fields(), row.line());
            }
        });
        if (counts[0] == 0) {
            throw new TableException(file + " has no data rows" + (counts[1] > 0 ? " left for training" : "")
                    + ": a table needs a header row and at least one row");
        }
        TableSchema schema = fitter.fit(testFraction, seed);
        Encoded[] parts = encode(rows, schema, counts, split);
        return new Table.Split(new Table(file, parts[0].dataset(), schema),
                counts[1] == 0 ? Optional.empty() : Optional.of(new Table(file, parts[1].dataset(), schema)));
    }

    /**
     * Reads every row of {@code file} with a schema fitted before (columns matched by name, in any order; the
     * label column is read when present). A value the schema cannot encode is an error naming its line and
     * column, except a category not seen in training, which goes to the column's unknown slot.
     */
    public static Table read(Path file, TableSchema schema, Optional<Character> delimiter) throws IOException {
        CsvRows rows = CsvRows.open(file, delimiter);
        long[] counts = {rows.forEach(row -> { }), 0};
        if (counts[0] == 0) {
            throw new TableException(file + " has no data rows: a table needs a header row and at least one row");
        }
        Encoded[] parts = encode(rows, schema, counts, new RowSplit(0, 0));
        return new Table(file, parts[0].dataset(), schema, ids(rows, schema));
    }

    /** The values of the schema's first identifier column in {@code rows}, when the file has that column. */
    private static List<String> ids(CsvRows rows, TableSchema schema) {
        Optional<String> idColumn = schema.dropped().stream().filter(c -> c.kind() == ColumnKind.IDENTIFIER).map(ColumnSpec::name)
                .findFirst();
        int at = idColumn.map(rows.header()::indexOf).orElse(-1);
        if (at < 0) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        rows.forEach(row -> ids.add(row.fields().get(at).strip()));
        return ids;
    }

    /**
     * The rows of {@code file} that the schema's seeded split held out as test rows — for the file the schema was
     * fitted on (or a copy of it, its columns in any order), the rows the model never trained on. All rows when the
     * schema held none out.
     */
    public static Table readHeldOut(Path file, TableSchema schema, Optional<Character> delimiter) throws IOException {
        if (schema.testFraction() == 0) {
            return read(file, schema, delimiter);
        }
        CsvRows rows = CsvRows.open(file, delimiter);
        RowSplit split = new RowSplit(schema.testFraction(), schema.splitSeed());
        long[] counts = new long[2];
        rows.forEach(row -> counts[split.isTest(counts[0] + counts[1]) ? 1 : 0]++);
        if (counts[1] == 0) {
            throw new TableException(file + " has no held-out rows (" + counts[0] + " rows in all)");
        }
        return new Table(file, encode(rows, schema, counts, split)[1].dataset(), schema);
    }

    /** One part's rows: its features and labels. */
    private record Encoded(INDArray features, int[] labels) {
        Dataset dataset() {
            return Dataset.incomplete(features, labels);
        }
    }

    /** The second pass: every row encoded into the array of its part (0 training, 1 test). */
    private static Encoded[] encode(CsvRows rows, TableSchema schema, long[] counts, RowSplit split) {
        RowEncoder encoder = new RowEncoder(rows.header(), schema, rows.file().toString());
        int width = schema.width();
        Encoded[] parts = new Encoded[2];
        FloatBuffer[] buffers = new FloatBuffer[2];
        for (int p = 0; p < 2; p++) {
            long n = Math.max(counts[p], 0);
            if (n * width > Integer.MAX_VALUE) {
                throw new TableException(rows.file() + ": " + n + " rows of " + width + " features are more than one array holds ("
                        + Integer.MAX_VALUE + " values)");
            }
            INDArray features;
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                features = n == 0 ? Nd4j.create(DataType.FLOAT, 0, width) : Nd4j.createUninitialized(DataType.FLOAT, n, width);
            }
            int[] labels = encoder.labelled() ? new int[(int) n] : null;
            parts[p] = new Encoded(features, labels);
            buffers[p] = n == 0 ? null : features.data().asNioFloat();
        }
        long[] written = new long[2];
        long[] index = {0};
        float[] row = new float[width];
        rows.forEach(r -> {
            int p = split.isTest(index[0]++) ? 1 : 0;
            int label = encoder.encode(r.fields(), r.line(), row);
            buffers[p].put(row);
            if (parts[p].labels() != null) {
                parts[p].labels()[(int) written[p]] = label;
            }
            written[p]++;
        });
        for (int p = 0; p < 2; p++) {
            if (written[p] != counts[p]) {
                throw new TableException(rows.file() + " changed while it was read: " + written[p] + " rows, " + counts[p] + " before");
            }
        }
        return parts;
    }

    /** The seeded choice of test rows: row i is a test row when a hash of (seed, i) falls below the fraction. */
    private record RowSplit(double fraction, long seed) {
        boolean isTest(long row) {
            if (fraction == 0) {
                return false;
            }
            long z = seed * 0x9E3779B97F4A7C15L + row;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            z ^= z >>> 31;
            return (z >>> 11) * 0x1.0p-53 < fraction;
        }
    }

    /** What fills a missing cell: its text, given the row's index (0-based) and the kept column's index. */
    @FunctionalInterface
    public interface CellFiller {
        String fill(long row, int keptColumn);
    }

    /**
     * Writes {@code file} to {@code out} (same header and delimiter, UTF-8) with every missing cell of a kept column
     * replaced by {@code filler}'s text; every other cell is written as it was read. Returns, per kept column, how
     * many cells were filled. The caller makes the write atomic (e.g. {@code AtomicFiles.write(path, out -> …)}).
     */
    public static long[] fillMissing(Path file, java.io.OutputStream out, TableSchema schema, Optional<Character> delimiter,
                                     CellFiller filler) throws IOException {
        CsvRows rows = CsvRows.open(file, delimiter);
        List<ColumnSpec> kept = schema.features();
        int[] at = kept.stream().mapToInt(c -> rows.header().indexOf(c.name())).toArray();
        for (int i = 0; i < at.length; i++) {
            if (at[i] < 0) {
                throw new TableException(file + " lacks the column '" + kept.get(i).name() + "' the model was trained with");
            }
        }
        long[] filled = new long[kept.size()];
        java.io.Writer text = new java.io.BufferedWriter(new java.io.OutputStreamWriter(out, java.nio.charset.StandardCharsets.UTF_8));
        try (de.siegmar.fastcsv.writer.CsvWriter writer = de.siegmar.fastcsv.writer.CsvWriter.builder()
                .fieldSeparator(rows.delimiter()).lineDelimiter(de.siegmar.fastcsv.writer.LineDelimiter.LF).build(text)) {
            writer.writeRecord(rows.header());
            long[] index = {0};
            rows.forEach(row -> {
                List<String> fields = new java.util.ArrayList<>(row.fields());
                for (int i = 0; i < at.length; i++) {
                    if (schema.missing().contains(fields.get(at[i]).strip())) {
                        fields.set(at[i], filler.fill(index[0], i));
                        filled[i]++;
                    }
                }
                writer.writeRecord(fields);
                index[0]++;
            });
        }
        return filled;
    }
}
