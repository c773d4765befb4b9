package org.ae4j.cli;

import java.util.List;
import java.util.Optional;
import org.ae4j.data.table.TableOptions;
import picocli.CommandLine.Option;

/** The options that say how to read a table: a mixin of the commands that read one. */
final class TableArgs {

    @Option(names = "--label", paramLabel = "COLUMN", description = "Tables: the label column, kept out of the features "
            + "(evaluation reads it).")
    String label;

    @Option(names = "--ignore", paramLabel = "COLUMN", split = ",", description = "Tables: columns to leave out (comma-separated).")
    List<String> ignore;

    @Option(names = "--delimiter", paramLabel = "CHAR", description = "Tables: the field separator (default: detected from "
            + "the header: comma, semicolon, tab or pipe; 'tab' or \\t for a tab).")
    String delimiter;

    TableOptions options() {
        TableOptions options = TableOptions.defaults();
        if (label != null) {
            options = options.withLabel(label);
        }
        if (ignore != null) {
            options = options.withIgnored(ignore);
        }
        Optional<Character> d = delimiter();
        if (d.isPresent()) {
            options = options.withDelimiter(d.get());
        }
        return options;
    }

    Optional<Character> delimiter() {
        if (delimiter == null) {
            return Optional.empty();
        }
        String d = delimiter.equals("tab") || delimiter.equals("\\t") ? "\t" : delimiter;
        if (d.length() != 1) {
            throw new IllegalArgumentException("--delimiter takes one character (or 'tab'), got '" + delimiter + "'");
        }
        return Optional.of(d.charAt(0));
    }
}
