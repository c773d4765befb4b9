package org.ae4j.data.table;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * How to read a table (CSV or TSV with a header row) and what to learn from it.
 *
 * @param delimiter     the field separator; empty to detect it from the header line (comma, semicolon, tab, pipe)
 * @param missing       the values that mean "missing" (compared after trimming): by default the empty field,
 *                      {@code NA}, {@code NaN}, {@code nan}, {@code ?}, {@code null}, {@code NULL}, {@code N/A}
 * @param label         a column kept out of the features (read as the class labels, used by evaluation)
 * @param ignore        columns left out altogether
 * @param kinds         column kinds that override the inferred ones
 * @param maxCategories at most this many one-hot slots per categorical column (the rest share the unknown
 *                      slot); a text column with more distinct values than this that are mostly unique is an
 *                      identifier and dropped (default 50)
 * @param scaling       how numeric columns are scaled
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record TableOptions(Optional<Character> delimiter, Set<String> missing, Optional<String> label, List<String> ignore,
                           Map<String, ColumnKind> kinds, int maxCategories, Scaling scaling) {

    /** The default missing-value spellings. */
    public static final Set<String> MISSING = Set.of("", "NA", "NaN", "nan", "?", "null", "NULL", "N/A");

    public TableOptions {
        Objects.requireNonNull(delimiter, "delimiter");
        missing = Set.copyOf(missing);
        Objects.requireNonNull(label, "label");
        ignore = List.copyOf(ignore);
        kinds = Map.copyOf(kinds);
        Objects.requireNonNull(scaling, "scaling");
        delimiter.ifPresent(d -> {
            if (d == '"' || d == '\n' || d == '\r') {
                throw new IllegalArgumentException("the delimiter cannot be a quote or a line break, got " + escape(d));
            }
        });
        if (maxCategories < 1) {
            throw new IllegalArgumentException("maxCategories must be >= 1, got " + maxCategories);
        }
        if (label.isPresent() && ignore.contains(label.get())) {
            throw new IllegalArgumentException("column '" + label.get() + "' cannot be both the label and ignored");
        }
    }

    /** Detected delimiter, default missing values, no label, nothing ignored, kinds inferred, 50 categories, standard scaling. */
    public static TableOptions defaults() {
        return new TableOptions(Optional.empty(), MISSING, Optional.empty(), List.of(), Map.of(), 50, Scaling.STANDARD);
    }

    public TableOptions withLabel(String column) {
        return new TableOptions(delimiter, missing, Optional.of(column), ignore, kinds, maxCategories, scaling);
    }

    public TableOptions withIgnored(List<String> columns) {
        return new TableOptions(delimiter, missing, label, columns, kinds, maxCategories, scaling);
    }

    public TableOptions withDelimiter(char d) {
        return new TableOptions(Optional.of(d), missing, label, ignore, kinds, maxCategories, scaling);
    }

    public TableOptions withKinds(Map<String, ColumnKind> overrides) {
        return new TableOptions(delimiter, missing, label, ignore, overrides, maxCategories, scaling);
    }

    public TableOptions withScaling(Scaling s) {
        return new TableOptions(delimiter, missing, label, ignore, kinds, maxCategories, s);
    }

    static String escape(char c) {
        return c == '\t' ? "\\t" : c == '\n' ? "\\n" : c == '\r' ? "\\r" : String.valueOf(c);
    }
}
