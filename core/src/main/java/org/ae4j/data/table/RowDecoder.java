package org.ae4j.data.table;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The inverse of {@link RowEncoder}: a row's features back into the text of each kept column's cell, in the table's
 * own terms — a number unscaled (7 significant digits), the most likely category of a one-hot group (never the
 * {@code <other>} slot, which stands for no value in particular), a boolean's own spelling. Used to write imputed
 * cells; immutable.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class RowDecoder {

    private static final MathContext DIGITS = new MathContext(7);

    private final TableSchema schema;

    public RowDecoder(TableSchema schema) {
        this.schema = Objects.requireNonNull(schema, "schema");
    }

    /** The text of kept column {@code column} (its index among {@link TableSchema#features()}) in {@code features}. */
    public String cell(float[] features, int column) {
        List<ColumnSpec> kept = schema.features();
        int at = 0;
        for (int c = 0; c < column; c++) {
            at += kept.get(c).width();
        }
        ColumnSpec spec = kept.get(column);
        return switch (spec.kind()) {
            case NUMERIC -> number(features[at] * spec.scale() + spec.center());
            case BOOLEAN -> spec.categories().get(features[at] >= 0.5f ? 1 : 0);
            case CATEGORICAL -> {
                int best = 0;
                for (int k = 1; k < spec.categories().size(); k++) {
                    if (features[at + k] > features[at + best]) {
                        best = k;
                    }
                }
                yield spec.categories().get(best);
            }
            default -> throw new IllegalArgumentException("column '" + spec.name() + "' is dropped; it has no features");
        };
    }

    private static String number(double x) {
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException("cannot write " + x + " as a cell");
        }
        return new BigDecimal(x).round(DIGITS).stripTrailingZeros().toPlainString();
    }
}
