package org.ae4j.cli;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.ae4j.apps.ColumnContributions;
import org.ae4j.apps.StreamingDetector;
import org.ae4j.data.table.ColumnKind;
import org.ae4j.data.table.ColumnSpec;
import org.ae4j.data.table.RowEncoder;
import org.ae4j.data.table.TableSchema;
import org.ae4j.persist.SavedModel;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code ae4j score --follow}: table rows — CSV lines after a header line, or JSON Lines (one object of column values per
 * line, the first line's keys naming the columns) — scored as they arrive from standard input or from a file being
 * appended to. Rows that have arrived together are scored together (up to
 * {@value #MAX_BATCH}), and their results written and flushed before the next read, so a quiet stream gets each row's
 * result at once and a busy one the throughput of batches. Memory stays bounded: one batch of lines, the detector's
 * sketches. Writing blocks when the reader of the output is slow, and so does reading (back-pressure).
 */
final class FollowScoring {

    /** The most rows scored together. */
    static final int MAX_BATCH = 256;

    private final SavedModel saved;
    private final TableSchema schema;
    private final StreamingDetector detector;
    private final Writer out;
    private final java.io.PrintStream err;
    private final int top;
    private final ColumnContributions contributions;
    private final org.ae4j.util.StepMemory memory = new org.ae4j.util.StepMemory("ae4j-follow-explain");
    private long drifts;
    /** The last adaptive threshold written and its text: it changes once per window, not per row. */
    private double lastThreshold = Double.NaN;
    private String lastThresholdText = "";

    /** @param top how many contributing columns to list per row (0: none) */
    FollowScoring(SavedModel saved, OptionalDouble threshold, StreamingDetector.Options options, int top, Writer out,
                  java.io.PrintStream err) {
        this.saved = saved;
        this.top = top;
        this.schema = saved.table().orElseThrow(() -> new IllegalArgumentException(
                "--follow scores table rows (CSV lines); this model was trained on images"));
        this.out = out;
        this.err = err;
        this.contributions = top > 0 ? new ColumnContributions(saved.model(), schema) : null;
        this.detector = new StreamingDetector(saved.model(), threshold, options, drift -> {
            drifts++;
            err.println(String.format(Locale.ROOT, "ae4j score: drift of the score distribution at row %d: PSI %.3f over the "
                    + "last %,d rows; the adaptive threshold follows it", drift.row() + 1, drift.psi(), options.window()));
            err.flush();
        });
    }

    /** Rows scored so far. */
    long rows() {
        return detector.rows();
    }

    /** Drifts reported so far. */
    long drifts() {
        return drifts;
    }

    /** Scores every row {@code lines} gives until it ends; {@code source} names it in errors. */
    void run(Lines lines, String source) throws IOException {
        String headerLine = lines.next();
        if (headerLine == null) {
            throw new IllegalArgumentException(source + ": no header row (the stream ended before its first line)");
        }
        boolean json = headerLine.stripLeading().startsWith("{");
        List<String> header = json ? jsonColumns() : parse(List.of(headerLine), source, 0).get(0);
        RowEncoder encoder = new RowEncoder(header, schema, source);
        int idAt = schema.dropped().stream().filter(c -> c.kind() == ColumnKind.IDENTIFIER).map(ColumnSpec::name).findFirst()
                .map(header::indexOf).orElse(-1);
        out.write((idAt >= 0 ? CsvText.quote(header.get(idAt)) : "row") + ",score,is_anomaly,adaptive_threshold,is_adaptive_anomaly"
                + (contributions != null ? ",top_columns" : "") + "\n");
        out.flush();
        long lineNumber = 1;
        List<String> batch = new ArrayList<>(MAX_BATCH);
        if (json) {
            lineNumber = 0;
            batch.add(headerLine);                           // JSON Lines: the first line is a row too
        }
        int width = encoder.width();
        float[] values = new float[MAX_BATCH * width];
        float[] row = new float[width];
        while (true) {
            if (batch.isEmpty()) {
                String line = lines.next();
                if (line == null) {
                    return;
                }
                batch.add(line);
            }
            while (batch.size() < MAX_BATCH && lines.ready()) {
                String more = lines.next();
                if (more == null) {
                    break;
                }
                batch.add(more);
            }
            List<List<String>> cells = json ? cellsOfObjects(batch, header, source, lineNumber) : parse(batch, source, lineNumber);
            for (int r = 0; r < cells.size(); r++) {
                encoder.encode(cells.get(r), lineNumber + r + 1, row);
                System.arraycopy(row, 0, values, r * width, width);
            }
            lineNumber += batch.size();
            int n = cells.size();
            org.nd4j.linalg.api.ndarray.INDArray features = Nd4j.create(java.util.Arrays.copyOf(values, n * width), new long[] {n, width});
            List<StreamingDetector.Result> results = detector.score(features);
            double[][] shares = null;
            if (contributions != null) {
                try (org.nd4j.linalg.api.memory.MemoryWorkspace ignored = memory.open()) {      // its copies per column, reused
                    shares = contributions.shares(org.ae4j.data.Dataset.incomplete(features, null), MAX_BATCH);
                }
            }
            StringBuilder text = new StringBuilder(n * 64);
            for (int r = 0; r < n; r++) {
                StreamingDetector.Result result = results.get(r);
                text.append(idAt >= 0 && idAt < cells.get(r).size() ? CsvText.quote(cells.get(r).get(idAt).strip()) : String.valueOf(result.row() + 1))
                        .append(',').append(result.score()).append(',').append(result.anomaly()).append(',')
                        .append(adaptiveThreshold(result.adaptiveThreshold())).append(',')
                        .append(result.adaptiveAnomaly());
                if (shares != null) {
                    text.append(',').append(CsvText.quote(contributions.top(shares[r], top).entrySet().stream()
                            .map(e -> e.getKey() + ":" + String.format(Locale.ROOT, "%.3f", e.getValue()))
                            .collect(java.util.stream.Collectors.joining(";"))));
                }
                text.append('\n');
            }
            out.write(text.toString());
            out.flush();
            batch.clear();
        }
    }

    /**
     * The columns JSON Lines rows are read by: the schema's columns and the ones it kept aside (an id), not its label,
     * which scoring does not use; a row may leave any out (a missing cell).
     */
    /** The adaptive threshold as written: empty while warming up (NaN). */
    private String adaptiveThreshold(double threshold) {
        if (Double.isNaN(threshold)) {
            return "";
        }
        if (Double.compare(threshold, lastThreshold) != 0) {
            lastThreshold = threshold;
            lastThresholdText = String.valueOf(threshold);
        }
        return lastThresholdText;
    }

    private List<String> jsonColumns() {
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
        schema.columns().forEach(c -> names.add(c.name()));
        schema.dropped().forEach(c -> names.add(c.name()));
        schema.label().ifPresent(names::remove);
        return new ArrayList<>(names);
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** One JSON Lines row: an object of column → value; anything else is an error naming the line. */
    private static java.util.Map<String, com.fasterxml.jackson.databind.JsonNode> jsonObject(String line, String source, long number) {
        com.fasterxml.jackson.databind.JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ", line " + number + ": not JSON: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(source + ", line " + number + ": expected a JSON object of column values, got "
                    + (node == null ? "nothing" : node.getNodeType().toString().toLowerCase(Locale.ROOT)));
        }
        java.util.Map<String, com.fasterxml.jackson.databind.JsonNode> fields = new java.util.LinkedHashMap<>();
        node.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue()));
        return fields;
    }

    /**
     * The cells of JSON Lines rows in {@code header}'s order: a number or boolean as its text, a string as it is, null or
     * an absent column as an empty (missing) cell; a nested value is an error.
     */
    private static List<List<String>> cellsOfObjects(List<String> lines, List<String> header, String source, long firstLine) {
        List<List<String>> rows = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            long number = firstLine + i + 1;
            java.util.Map<String, com.fasterxml.jackson.databind.JsonNode> object = jsonObject(lines.get(i), source, number);
            List<String> cells = new ArrayList<>(header.size());
            for (String column : header) {
                com.fasterxml.jackson.databind.JsonNode value = object.get(column);
                if (value == null || value.isNull()) {
                    cells.add("");
                } else if (value.isValueNode()) {
                    cells.add(value.asText());
                } else {
                    throw new IllegalArgumentException(source + ", line " + number + ": column '" + column
                            + "' holds a nested JSON value; expected a number, string, boolean or null");
                }
            }
            rows.add(cells);
        }
        return rows;
    }

    /** The cells of each line; a line that is not one CSV record is an error naming its line number. */
    private static List<List<String>> parse(List<String> lines, String source, long firstLine) {
        List<List<String>> rows = new ArrayList<>(lines.size());
        String text = String.join("\n", lines);
        char delimiter = lines.get(0).indexOf(',') < 0 && lines.get(0).indexOf('\t') >= 0 ? '\t' : ',';
        try (CsvReader<CsvRecord> reader = CsvReader.builder().fieldSeparator(delimiter).quoteCharacter('"').ofCsvRecord(text)) {
            for (CsvRecord record : reader) {
                rows.add(record.getFields());
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(source + ", lines " + (firstLine + 1) + "–" + (firstLine + lines.size()) + ": not CSV: "
                    + e.getMessage(), e);
        }
        if (rows.size() != lines.size()) {
            throw new IllegalArgumentException(source + ", lines " + (firstLine + 1) + "–" + (firstLine + lines.size()) + ": "
                    + lines.size() + " lines gave " + rows.size() + " rows (--follow takes one row per line: no line breaks inside "
                    + "quoted cells, no blank lines)");
        }
        return rows;
    }

    /**
     * Whole lines from a stream or a growing file. A line is returned once its line break has arrived (at the end of a
     * stream, also the last line without one). Following a file, the end of what it holds now is not its end: the
     * source waits for more, until {@code idleExit} has passed without a new byte (never, when it is negative).
     */
    static final class Lines implements AutoCloseable {
        private final Reader reader;
        private final boolean follow;
        private final long idleNanos;
        private final char[] buffer = new char[1 << 16];
        private final StringBuilder pending = new StringBuilder();
        private int position;
        private int limit;
        private boolean ended;

        private Lines(Reader reader, boolean follow, double idleExitSeconds) {
            this.reader = reader;
            this.follow = follow;
            this.idleNanos = idleExitSeconds < 0 ? Long.MAX_VALUE : (long) (idleExitSeconds * 1e9);
        }

        /** Standard input, read until it ends. */
        static Lines of(InputStream in) {
            return new Lines(new InputStreamReader(in, StandardCharsets.UTF_8), false, -1);
        }

        /** A file followed as it grows. */
        static Lines following(Path file, double idleExitSeconds) throws IOException {
            return new Lines(Files.newBufferedReader(file, StandardCharsets.UTF_8), true, idleExitSeconds);
        }

        /** Whether a whole line can be had without waiting. */
        boolean ready() throws IOException {
            for (int i = position; i < limit; i++) {
                if (buffer[i] == '\n') {
                    return true;
                }
            }
            if (ended || !reader.ready()) {
                return false;
            }
            int read = fill();
            if (read < 0 && !follow) {
                ended = true;
            }
            return read > 0 && ready();
        }

        /** The next line (without its line break), or null at the end. */
        String next() throws IOException {
            long idleSince = System.nanoTime();
            while (true) {
                for (int i = position; i < limit; i++) {
                    if (buffer[i] == '\n') {
                        pending.append(buffer, position, i - position);
                        position = i + 1;
                        String line = pending.toString();
                        pending.setLength(0);
                        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
                    }
                }
                if (ended) {
                    pending.append(buffer, position, limit - position);
                    position = limit;
                    if (pending.length() == 0) {
                        return null;
                    }
                    String last = pending.toString();
                    pending.setLength(0);
                    return last;
                }
                int read = fill();
                if (read > 0) {
                    idleSince = System.nanoTime();
                } else if (read < 0) {
                    if (!follow || System.nanoTime() - idleSince >= idleNanos) {
                        ended = true;
                    } else {
                        try {
                            Thread.sleep(20);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            ended = true;
                        }
                    }
                }
            }
        }

        /** Reads more, keeping the unread part of the buffer (a line without its break yet) in {@code pending}. */
        private int fill() throws IOException {
            pending.append(buffer, position, limit - position);
            int read = reader.read(buffer, 0, buffer.length);
            position = 0;
            limit = Math.max(read, 0);
            return read;
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }
}
