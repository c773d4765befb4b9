package org.ae4j.cli;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.ae4j.data.table.ColumnKind;
import org.ae4j.data.table.ColumnSpec;
import org.ae4j.data.table.TableSchema;

/** One paragraph that says what a table's schema made of its columns: kinds, categories, what was dropped and why. */
final class TableSummary {

    private TableSummary() {
    }

    static String of(TableSchema schema, String source) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "table %s: %,d training rows, %d features from %d columns",
                source, schema.trainingRows(), schema.width(), schema.features().size()));
        for (ColumnKind kind : List.of(ColumnKind.NUMERIC, ColumnKind.CATEGORICAL, ColumnKind.BOOLEAN)) {
            List<ColumnSpec> of = schema.features().stream().filter(c -> c.kind() == kind).toList();
            if (!of.isEmpty()) {
                s.append("\n  ").append(kind.name().toLowerCase(Locale.ROOT)).append(": ").append(of.stream()
                        .map(c -> c.name() + (kind == ColumnKind.CATEGORICAL ? " (" + c.categories().size() + " values + other)" : "")
                                + (c.note().isEmpty() ? "" : " [" + c.note() + "]"))
                        .collect(Collectors.joining(", ")));
            }
        }
        if (!schema.dropped().isEmpty()) {
            s.append("\n  dropped: ").append(schema.dropped().stream()
                    .map(c -> c.name() + " (" + c.kind().name().toLowerCase(Locale.ROOT) + ": " + c.note() + ")")
                    .collect(Collectors.joining(", ")));
        }
        schema.label().ifPresent(l -> s.append("\n  label: ").append(l).append(" (").append(schema.labelClasses().size())
                .append(" classes: ").append(String.join(", ", schema.labelClasses().subList(0, Math.min(10, schema.labelClasses().size()))))
                .append(schema.labelClasses().size() > 10 ? ", …" : "").append(")"));
        return s.toString();
    }
}
