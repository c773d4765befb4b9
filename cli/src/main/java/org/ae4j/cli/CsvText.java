package org.ae4j.cli;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Formats arrays and text as CSV. */
final class CsvText {

    private CsvText() {
    }

    /** Appends each row of a {@code [n, k]} array as a line of {@code k} comma-separated numbers. */
    static void appendRows(StringBuilder csv, INDArray rows) {
        double[][] values = rows.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleMatrix();
        for (double[] row : values) {
            for (int j = 0; j < row.length; j++) {
                csv.append(j == 0 ? "" : ",").append((float) row[j]);
            }
            csv.append('\n');
        }
    }

    /** {@code text} as one CSV field: quoted (quotes doubled) when it holds a comma, a quote or a line break. */
    static String quote(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
