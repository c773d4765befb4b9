package org.ae4j.data.table;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.apiguardian.api.API;

/**
 * Encodes rows with a fitted {@link TableSchema}: each schema column is found in the rows' header by name (in any
 * order; extra columns are ignored), and a row's cells become its features as the schema says — numbers scaled,
 * booleans 0/1, categories one-hot with the unknown slot for values not seen in training, {@code NaN} in every feature
 * of a missing cell. A cell is a string as it would appear in a CSV file, or {@code null} for a missing value.
 * Immutable once made, so one encoder serves many threads.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class RowEncoder {

    private final String source;
    private final TableSchema schema;
    private final int[] at;
    private final int labelAt;
    private final List<Map<String, Integer>> categoryIndex;
    /** The length of the longest missing-value marker: a longer cell is not one, without a set lookup. */
    private final int longestMissing;

    /**
     * @param header the names of the rows' cells, in order
     * @param source names the rows in errors (a file name, a table's name)
     * @throws TableException if the header lacks a feature column of the schema
     */
    public RowEncoder(List<String> header, TableSchema schema, String source) {
        this.source = Objects.requireNonNull(source, "source");
        this.schema = Objects.requireNonNull(schema, "schema");
        List<ColumnSpec> columns = schema.columns();
        this.at = new int[columns.size()];
        this.categoryIndex = new ArrayList<>(columns.size());
        List<String> absent = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            ColumnSpec c = columns.get(i);
            at[i] = header.indexOf(c.name());
            if (at[i] < 0 && c.kind().kept()) {
                absent.add(c.name());
            }
            Map<String, Integer> index = new HashMap<>();
            if (c.kind() == ColumnKind.CATEGORICAL) {
                for (int k = 0; k < c.categories().size(); k++) {
                    index.put(c.categories().get(k), k);
                }
            }
            categoryIndex.add(index);
        }
        if (!absent.isEmpty()) {
            throw new TableException(source + " lacks the column" + (absent.size() > 1 ? "s " : " ") + "'"
                    + String.join("', '", absent) + "' the model was trained with; its columns: " + String.join(", ", header));
        }
        this.labelAt = schema.label().map(header::indexOf).orElse(-1);
        this.longestMissing = schema.missing().stream().mapToInt(String::length).max().orElse(-1);
    }

    /** The schema's features per row: the length {@link #encode} fills. */
    public int width() {
        return schema.width();
    }

    /** Whether the header has the schema's label column. */
    public boolean labelled() {
        return labelAt >= 0;
    }

    /**
     * Writes the row's features into {@code out[0 … width)}; returns its label's index (−1 without a label column).
     *
     * @param cells the row's cells in header order ({@code null}: missing)
     * @param line  where the row is, for errors (a file's line, a row's index)
     * @throws TableException naming the source, line and column of a cell the schema cannot encode
     */
    public int encode(List<String> cells, long line, float[] out) {
        int f = 0;
        List<ColumnSpec> columns = schema.columns();
        for (int i = 0; i < columns.size(); i++) {
            ColumnSpec c = columns.get(i);
            if (!c.kind().kept()) {
                continue;
            }
            String raw = cells.get(at[i]);
            String value = raw == null ? "" : raw.strip();
            boolean missing = raw == null || value.length() <= longestMissing && schema.missing().contains(value);
            switch (c.kind()) {
                case NUMERIC -> out[f++] = missing ? Float.NaN : (float) ((number(c, raw, value, line, i) - c.center()) / c.scale());
                case BOOLEAN -> {
                    int b = missing ? 0 : c.booleanValue(value);
                    if (b < 0) {
                        throw new TableException(source + ":" + line + ": column '" + c.name() + "' (column " + (at[i] + 1)
                                + ") holds '" + raw + "'; expected " + c.categories().get(0) + " or " + c.categories().get(1));
                    }
                    out[f++] = missing ? Float.NaN : b;
                }
                case CATEGORICAL -> {
                    int slots = c.categories().size() + 1;
                    int hot = missing ? -1 : categoryIndex.get(i).getOrDefault(value, slots - 1);
                    for (int k = 0; k < slots; k++) {
                        out[f + k] = missing ? Float.NaN : k == hot ? 1f : 0f;
                    }
                    f += slots;
                }
                default -> throw new IllegalStateException("dropped column " + c.name());
            }
        }
        if (labelAt < 0) {
            return -1;
        }
        String label = cells.get(labelAt) == null ? "" : cells.get(labelAt).strip();
        int index = schema.labelClasses().indexOf(label);
        if (index < 0) {
            throw new TableException(source + ":" + line + ": the label '" + label + "' of column '" + schema.label().get()
                    + "' was not among the training labels " + schema.labelClasses());
        }
        return index;
    }

    private double number(ColumnSpec c, String raw, String value, long line, int i) {
        double x = ColumnProfile.parse(value);
        if (!Double.isFinite(x)) {
            throw new TableException(source + ":" + line + ": column '" + c.name() + "' (column " + (at[i] + 1) + ") holds '" + raw
                    + "', which is not a " + (Double.isNaN(x) ? "number" : "finite number") + "; the column is numeric"
                    + " (a missing value is one of " + new TreeSet<>(schema.missing()) + ")");
        }
        return x;
    }
}
