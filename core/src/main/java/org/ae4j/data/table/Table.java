package org.ae4j.data.table;

import java.nio.file.Path;
import java.util.Objects;
import org.ae4j.data.Dataset;
import org.apiguardian.api.API;

/**
 * A table read into features: the rows as a {@link Dataset} ({@code [rows, schema.width()]} floats, {@code NaN}
 * where a cell is missing; labelled when the schema has a label column) and the schema that encoded them.
 *
 * @param file    where it was read from
 * @param data    the encoded rows
 * @param schema  the schema, fitted on the training rows
 * @param ids     each row's value in the table's identifier column (the first column the schema dropped as one),
 *                when the file has it and was read for scoring; empty otherwise
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record Table(Path file, Dataset data, TableSchema schema, java.util.List<String> ids) {

    public Table {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(schema, "schema");
        ids = java.util.List.copyOf(ids);
        if (!ids.isEmpty() && ids.size() != data.size()) {
            throw new IllegalArgumentException(ids.size() + " ids for " + data.size() + " rows");
        }
    }

    /** A table without row ids. */
    public Table(Path file, Dataset data, TableSchema schema) {
        this(file, data, schema, java.util.List.of());
    }

    /** A table's training rows and, when some were held out, its test rows, encoded with one schema fitted on the training rows. */
    public record Split(Table train, java.util.Optional<Table> test) {
    }
}
