package org.ae4j.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Tabular data: a comma-separated file with a header row naming the columns, then one example per
 * row, every value a finite number. Blank lines are skipped. A ragged row, a value that is not a
 * number or a non-finite value fails with a message naming the line and the column.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class CsvFile {

    private CsvFile() {
    }

    /** The examples as float features {@code [rows, columns]}. */
    public static Dataset read(Path file) throws IOException {
        List<float[]> rows = new ArrayList<>();
        String[] header;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = in.readLine();
            if (first == null || first.isBlank()) {
                throw new IOException(file + " is empty; expected a header row naming the columns");
            }
            header = first.split(",", -1);
            String line;
            int lineNumber = 1;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                if (cells.length != header.length) {
                    throw new IOException(file + ": line " + lineNumber + " has " + cells.length + " values, expected "
                            + header.length + " (one per header column)");
                }
                float[] row = new float[cells.length];
                for (int c = 0; c < cells.length; c++) {
                    try {
                        row[c] = Float.parseFloat(cells[c].strip());
                    } catch (NumberFormatException e) {
                        throw new IOException(file + ": line " + lineNumber + ", column '" + header[c].strip() + "': '"
                                + cells[c].strip() + "' is not a number");
                    }
                    if (!Float.isFinite(row[c])) {
                        throw new IOException(file + ": line " + lineNumber + ", column '" + header[c].strip() + "': "
                                + cells[c].strip() + " is not finite");
                    }
                }
                rows.add(row);
            }
        }
        if (rows.isEmpty()) {
            throw new IOException(file + " has a header but no rows");
        }
        float[] flat = new float[rows.size() * header.length];
        for (int r = 0; r < rows.size(); r++) {
            System.arraycopy(rows.get(r), 0, flat, r * header.length, header.length);
        }
        return Dataset.of(Nd4j.create(flat, new long[] {rows.size(), header.length}, DataType.FLOAT));
    }
}
