package org.ae4j.data.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * What was learned from a table's training rows and is replayed on every table the model later reads: the
 * columns with their kinds and encodings, the label column with its classes, and the missing-value spellings.
 * Columns are matched by name, in any order; a feature column a later table lacks is an error, a column it
 * adds is ignored. Saved in the model file ({@code model.json}, {@code "table"}).
 *
 * <p>Features, in column order: a numeric column's scaled value, a boolean's 0/1, a categorical column's
 * one-hot slots (the last for values not seen in training). A missing cell is {@code NaN} in every feature
 * of its column: models built for tables skip it in the loss and see 0 (the training mean, or no category)
 * at their input.
 *
 * @param columns         every column read, in file order, dropped ones included (with the reason)
 * @param label           the label column, if any
 * @param labelClasses    the label's values, sorted; a row's label is its value's index
 * @param missing         the spellings of a missing value
 * @param trainingRows    rows the schema was fitted on
 * @param testFraction    the share of the training file's rows held out as test rows (0: none)
 * @param splitSeed       the seed that chose them (the same rows again for the same file)
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record TableSchema(List<ColumnSpec> columns, Optional<String> label, List<String> labelClasses, Set<String> missing,
                          long trainingRows, double testFraction, long splitSeed) {

    public TableSchema {
        columns = List.copyOf(columns);
        Objects.requireNonNull(label, "label");
        labelClasses = List.copyOf(labelClasses);
        missing = Set.copyOf(missing);
        if (!(testFraction >= 0 && testFraction < 1)) {
            throw new IllegalArgumentException("testFraction must be in [0, 1), got " + testFraction);
        }
        if (columns.stream().noneMatch(c -> c.kind().kept())) {
            throw new IllegalArgumentException("no column is left to learn from: "
                    + columns.stream().map(c -> c.name() + " (" + c.kind().name().toLowerCase(java.util.Locale.ROOT)
                    + (c.note().isEmpty() ? "" : ": " + c.note()) + ")").toList());
        }
    }

    /** The kept columns, in order. */
    public List<ColumnSpec> features() {
        return columns.stream().filter(c -> c.kind().kept()).toList();
    }

    /** The columns dropped, with their reasons. */
    public List<ColumnSpec> dropped() {
        return columns.stream().filter(c -> !c.kind().kept()).toList();
    }

    /** Features per row. */
    public int width() {
        return columns.stream().mapToInt(ColumnSpec::width).sum();
    }

    /** Each feature's name, in order: {@code column}, or {@code column=value} for a one-hot slot. */
    public List<String> featureNames() {
        List<String> names = new ArrayList<>();
        columns.forEach(c -> names.addAll(c.featureNames()));
        return names;
    }

    /** The column each feature comes from, in order (one entry per feature). */
    public List<String> featureColumns() {
        List<String> names = new ArrayList<>();
        columns.forEach(c -> {
            for (int i = 0; i < c.width(); i++) {
                names.add(c.name());
            }
        });
        return names;
    }
}
