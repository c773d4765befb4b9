package org.ae4j.data.table;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The rows of a delimited text file with a header row, parsed by FastCSV (RFC 4180 quoting, escaped quotes,
 * CRLF, a UTF-8 byte-order mark, blank lines skipped), streamed one at a time: nothing but the current row is
 * held. Refuses, naming the file and line, a missing or empty file, a binary file, a header with a blank or
 * repeated name, and a row whose field count differs from the header's (an unterminated quote shows as such a
 * row that spans several lines, and is named so).
 */
final class CsvRows {

    /** A data row: its fields in header order and the line it starts on (1-based; the header is line 1). */
    record Row(List<String> fields, long line) {
    }

    private static final char[] CANDIDATES = {',', ';', '\t', '|'};

    private final Path file;
    private final char delimiter;
    private final List<String> header;

    private CsvRows(Path file, char delimiter, List<String> header) {
        this.file = file;
        this.delimiter = delimiter;
        this.header = header;
    }

    /** Opens {@code file}: checks it, detects the delimiter unless given, reads the header. */
    static CsvRows open(Path file, Optional<Character> delimiter) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such table file");
        }
        List<String> head = headLines(file);
        String fileName = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        char d = delimiter.orElseGet(() -> fileName.endsWith(".tsv") || fileName.endsWith(".tab") ? '\t' : detect(head));
        CsvRows probe = new CsvRows(file, d, List.of());
        List<String> header;
        try (CsvReader<CsvRecord> reader = probe.reader()) {
            Iterator<CsvRecord> it = reader.iterator();
            if (!it.hasNext()) {
                throw new TableException(file + " is empty: a table needs a header row and at least one row");
            }
            header = it.next().getFields();
        } catch (CsvParseException e) {
            throw new TableException(file + ": cannot parse the header: " + parseProblem(e), e);
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < header.size(); c++) {
            String name = header.get(c).strip();
            if (name.isEmpty()) {
                throw new TableException(file + ":1: column " + (c + 1) + " has no name; the first row must name every column");
            }
            if (names.contains(name)) {
                throw new TableException(file + ":1: column " + (c + 1) + " repeats the name '" + name + "' of column "
                        + (names.indexOf(name) + 1));
            }
            names.add(name);
        }
        return new CsvRows(file, d, List.copyOf(names));
    }

    Path file() {
        return file;
    }

    char delimiter() {
        return delimiter;
    }

    List<String> header() {
        return header;
    }

    /** Hands every data row to {@code action}, in order; returns how many there were. */
    long forEach(Consumer<Row> action) {
        long rows = 0;
        try (CsvReader<CsvRecord> reader = reader()) {
            Iterator<CsvRecord> it = reader.iterator();
            it.next();                                          // the header
            while (it.hasNext()) {
                CsvRecord record = it.next();
                List<String> fields = record.getFields();
                long line = record.getStartingLineNumber();
                if (fields.size() != header.size()) {
                    throw ragged(fields, line);
                }
                action.accept(new Row(fields, line));
                rows++;
            }
        } catch (CsvParseException e) {
            throw new TableException(file + ": " + parseProblem(e), e);
        } catch (UncheckedIOException e) {
            throw new TableException(file + " could not be read: " + e.getCause().getMessage(), e);
        } catch (IOException e) {
            throw new TableException(file + " could not be read: " + e.getMessage(), e);
        }
        return rows;
    }

    /**
     * FastCSV's message and its cause's — which says what went wrong, e.g. a field or a row longer than the parser's
     * bound (16 MiB characters per field, 16,384 fields per row: the CSV limits ae4j keeps).
     */
    private static String parseProblem(CsvParseException e) {
        return e.getCause() == null || e.getCause().getMessage() == null ? e.getMessage()
                : e.getMessage() + ": " + e.getCause().getMessage();
    }

    private TableException ragged(List<String> fields, long line) {
        for (int c = 0; c < fields.size(); c++) {
            if (fields.get(c).indexOf('\n') >= 0 || fields.get(c).indexOf('\r') >= 0) {
                long lines = fields.get(c).lines().count();
                return new TableException(file + ":" + line + ": column " + (c + 1) + " opens a quoted field that runs over "
                        + lines + " lines and the row ends with " + fields.size() + " fields, expected " + header.size()
                        + ": an unterminated quote?");
            }
        }
        return new TableException(file + ":" + line + ": the row has " + fields.size() + " fields, expected " + header.size()
                + " (the header's)" + (fields.size() > header.size() ? "; is a field with the delimiter '"
                + TableOptions.escape(delimiter) + "' not quoted?" : ""));
    }

    private CsvReader<CsvRecord> reader() throws IOException {
        return CsvReader.builder().fieldSeparator(delimiter).quoteCharacter('"').skipEmptyLines(true)
                .detectBomHeader(true).ofCsvRecord(file, StandardCharsets.UTF_8);
    }

    /** The first lines (of the first 64 KB, at most 20), after refusing empty and binary files. */
    private static List<String> headLines(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(64 * 1024);
        }
        if (head.length == 0) {
            throw new TableException(file + " is empty: a table needs a header row and at least one row");
        }
        for (int i = 0; i < head.length; i++) {
            if (head[i] == 0) {
                throw new TableException(file + " is not a text table: it has a zero byte at offset " + i
                        + " (a binary file? images, IDX and .npy files are read by their own readers)");
            }
        }
        List<String> lines = new String(head, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).limit(20).toList();
        return head.length == 64 * 1024 && lines.size() > 1 ? lines.subList(0, lines.size() - 1) : lines;
    }

    /**
     * The candidate that splits every sampled line the same number of times (outside quotes), the most
     * often; failing that, the one that splits the header most; a comma when none splits it.
     */
    private static char detect(List<String> lines) {
        char best = ',';
        if (lines.isEmpty()) {
            return best;                                              // nothing to tell by: the header check reports the file
        }
        int bestCount = 0;
        boolean bestConsistent = false;
        for (char c : CANDIDATES) {
            int count = count(lines.get(0), c);
            boolean consistent = count > 0 && lines.stream().allMatch(l -> count(l, c) == count);
            if (consistent && (!bestConsistent || count > bestCount) || !bestConsistent && count > bestCount) {
                best = c;
                bestCount = count;
                bestConsistent = consistent;
            }
        }
        return best;
    }

    private static int count(String line, char c) {
        int count = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (ch == c && !quoted) {
                count++;
            }
        }
        return count;
    }
}
