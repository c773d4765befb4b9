package org.ae4j.data.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.apiguardian.api.API;

/**
 * Fits a {@link TableSchema} from training rows given one at a time — a CSV file's ({@link TableReader#fit}), or any
 * other source's, such as the rows of a Spark {@code DataFrame}: each column is profiled in bounded memory (counts,
 * running moments, a seeded reservoir, distinct values up to a cap), then {@link #fit} decides its kind and encoding.
 * A cell is a string as it would appear in a CSV file, or {@code null} for a missing value. Not thread-safe.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class SchemaFitter {

    private final List<String> header;
    private final TableOptions options;
    private final String source;
    private final int labelAt;
    private final ColumnProfile[] profiles;
    private final TreeSet<String> labels = new TreeSet<>();
    private long rows;

    /**
     * @param header  the columns' names, in the order of the rows' cells
     * @param options the label, ignored columns, kinds forced, missing-value spellings, scaling
     * @param seed    seeds each column's reservoir sample
     * @param source  names the rows in errors (a file name, a table's name)
     * @throws TableException if a column the options name is not in the header
     */
    public SchemaFitter(List<String> header, TableOptions options, long seed, String source) {
        this.header = List.copyOf(header);
        this.options = Objects.requireNonNull(options, "options");
        this.source = Objects.requireNonNull(source, "source");
        List<String> named = new ArrayList<>(options.ignore());
        options.label().ifPresent(named::add);
        named.addAll(options.kinds().keySet());
        for (String column : named) {
            if (!header.contains(column)) {
                throw new TableException(source + " has no column '" + column + "'; its columns: " + String.join(", ", header));
            }
        }
        this.labelAt = options.label().map(header::indexOf).orElse(-1);
        this.profiles = new ColumnProfile[header.size()];
        for (int c = 0; c < profiles.length; c++) {
            boolean used = c != labelAt && !options.ignore().contains(header.get(c));
            profiles[c] = used ? new ColumnProfile(header.get(c), options.maxCategories(), seed + c) : null;
        }
    }

    /**
     * Profiles one training row.
     *
     * @param cells its cells in header order ({@code null}: missing)
     * @param line  where it is, for errors (a file's line, a row's index)
     */
    public void accept(List<String> cells, long line) {
        if (cells.size() != header.size()) {
            throw new TableException(source + ":" + line + ": " + cells.size() + " cells, but the header has " + header.size());
        }
        for (int c = 0; c < profiles.length; c++) {
            if (profiles[c] != null) {
                profiles[c].accept(cells.get(c), options.missing(), source, line, c + 1);
            }
        }
        if (labelAt >= 0) {
            String value = cells.get(labelAt) == null ? null : cells.get(labelAt).strip();
            if (value == null || options.missing().contains(value)) {
                throw new TableException(source + ":" + line + ": the label column '" + header.get(labelAt) + "' is missing here; "
                        + "every row needs its label (or leave --label out)");
            }
            labels.add(value);
        }
        rows++;
    }

    /** Rows profiled so far. */
    public long rows() {
        return rows;
    }

    /**
     * The schema of the rows profiled.
     *
     * @param testFraction recorded in the schema: the share of the source's rows held out as test rows
     * @param splitSeed    recorded in the schema: the seed that chose them
     * @throws TableException if no row was profiled, the label column holds a single class, a column was missing in every
     *                        row, or no column is left
     */
    public TableSchema fit(double testFraction, long splitSeed) {
        if (rows == 0) {
            throw new TableException(source + " has no data rows: a table needs a header row and at least one row");
        }
        if (labelAt >= 0 && labels.size() < 2) {
            throw new TableException(source + ": the label column '" + header.get(labelAt) + "' holds a single class ("
                    + labels.first() + ") in all " + rows + " training rows; a label separates at least two classes (normal and "
                    + "anomalous) — leave --label out to train on the rows as they are");
        }
        List<ColumnSpec> columns = new ArrayList<>();
        for (int c = 0; c < profiles.length; c++) {
            if (profiles[c] != null) {
                columns.add(profiles[c].fit(options.kinds().get(header.get(c)), options.maxCategories(), options.scaling(), source));
            }
        }
        try {
            return new TableSchema(columns, options.label(), List.copyOf(labels), options.missing(), rows, testFraction, splitSeed);
        } catch (IllegalArgumentException e) {
            throw new TableException(source + ": " + e.getMessage(), e);
        }
    }
}
