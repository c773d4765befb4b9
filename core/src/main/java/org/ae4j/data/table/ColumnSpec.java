package org.ae4j.data.table;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One column of a fitted {@link TableSchema}: its name, kind and what was learned from the training rows to
 * encode it. Saved in model files; immutable.
 *
 * @param name       the column's name in the header
 * @param kind       how it is encoded (dropped unless {@link ColumnKind#kept()})
 * @param center     numeric: subtracted first (mean, minimum or median)
 * @param scale      numeric: divided by next (standard deviation, range or IQR; 1 when that is 0)
 * @param categories categorical: the one-hot slots' values, most frequent first (one more slot takes any
 *                   other value); boolean: the false spelling, then the true one (lower case)
 * @param note       why a column was dropped, or what was noticed about it; empty otherwise
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record ColumnSpec(String name, ColumnKind kind, double center, double scale, List<String> categories, String note) {

    /** The name of the one-hot slot that takes values not seen in training. */
    public static final String UNKNOWN = "<other>";

    public ColumnSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        categories = List.copyOf(categories);
        note = note == null ? "" : note;
        if (kind == ColumnKind.NUMERIC && (!Double.isFinite(center) || !(scale > 0) || Double.isInfinite(scale))) {
            throw new IllegalArgumentException("numeric column '" + name + "' needs a finite center and scale > 0, got "
                    + center + " and " + scale);
        }
        if (kind == ColumnKind.BOOLEAN && categories.size() != 2) {
            throw new IllegalArgumentException("boolean column '" + name + "' needs its false and true spellings, got " + categories);
        }
    }

    /** Features this column becomes: 1 for numbers and booleans, one per category plus the unknown slot, 0 if dropped. */
    public int width() {
        return switch (kind) {
            case NUMERIC, BOOLEAN -> 1;
            case CATEGORICAL -> categories.size() + 1;
            case CONSTANT, IDENTIFIER -> 0;
        };
    }

    /** The names of its features: the column's, or {@code column=value} per one-hot slot. */
    public List<String> featureNames() {
        return switch (kind) {
            case NUMERIC, BOOLEAN -> List.of(name);
            case CATEGORICAL -> java.util.stream.Stream.concat(categories.stream(), java.util.stream.Stream.of(UNKNOWN))
                    .map(c -> name + "=" + c).toList();
            case CONSTANT, IDENTIFIER -> List.of();
        };
    }

    /** The boolean value of a present cell, or −1 when it is neither spelling. */
    int booleanValue(String value) {
        String v = value.toLowerCase(Locale.ROOT);
        return v.equals(categories.get(1)) ? 1 : v.equals(categories.get(0)) ? 0 : -1;
    }
}
