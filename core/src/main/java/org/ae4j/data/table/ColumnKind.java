package org.ae4j.data.table;

import org.apiguardian.api.API;

/**
 * What a table column is, as inferred from its values (or set with {@link TableOptions#kinds()}), and so
 * how it is encoded: numbers scaled, categories one-hot with an unknown slot, booleans as 0/1; constant
 * and identifier-like columns are dropped (and reported).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public enum ColumnKind {
    /** Every present value parses as a number. */
    NUMERIC,
    /** Text (or numbers declared categorical): one-hot over the frequent values, plus a slot for any other. */
    CATEGORICAL,
    /** Two values spelled as a boolean (true/false, yes/no, t/f, y/n, any case): 0 and 1. */
    BOOLEAN,
    /** One value only: carries nothing, dropped. */
    CONSTANT,
    /** Nearly every value distinct text (or an integer column named like an id): dropped. */
    IDENTIFIER;

    /** Whether the column becomes features. */
    public boolean kept() {
        return this == NUMERIC || this == CATEGORICAL || this == BOOLEAN;
    }
}
