package org.ae4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.ae4j.data.table.RowEncoder;
import org.ae4j.data.table.TableSchema;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;

/**
 * Where a {@code DataFrame}'s rows keep a model's input, and how a row becomes its features: either one vector
 * column (an ML {@code Vector}, or an array of doubles or floats) taken as it is, or raw columns (numbers, text,
 * booleans) encoded by ae4j's {@link TableSchema} as {@code ae4j train} encodes a CSV table's cells.
 *
 * @param vectorColumn the vector column, when the input is one
 * @param rawColumns   the raw columns, in the schema's terms its header, when the input is those
 */
record FeatureColumns(String vectorColumn, List<String> rawColumns) implements Serializable {

    private static final long serialVersionUID = 1L;

    FeatureColumns {
        rawColumns = List.copyOf(rawColumns);
        if ((vectorColumn == null) == rawColumns.isEmpty()) {
            throw new IllegalArgumentException("give either a vector column or raw input columns, not both or neither");
        }
    }

    /** Where a stage's params say the input is. */
    static FeatureColumns of(ColumnParams<?> params) {
        String[] inputCols = params.getOrDefault(params.inputCols());
        return inputCols.length > 0 ? new FeatureColumns(null, Arrays.asList(inputCols))
                : new FeatureColumns(params.getOrDefault(params.featuresCol()), List.of());
    }

    boolean raw() {
        return vectorColumn == null;
    }

    /** Checks the columns against {@code schema} on the driver, before any job: present and of a usable type. */
    void validate(StructType schema, String stage) {
        List<String> names = Arrays.asList(schema.fieldNames());
        List<String> wanted = raw() ? rawColumns : List.of(vectorColumn);
        for (String column : wanted) {
            if (!names.contains(column)) {
                throw new IllegalArgumentException(stage + ": the DataFrame has no column '" + column + "'"
                        + (raw() ? " (one of inputCols)" : " (featuresCol)") + "; its columns: " + String.join(", ", names));
            }
            DataType type = schema.apply(column).dataType();
            boolean ok = raw() ? type instanceof NumericType || type.equals(DataTypes.StringType) || type.equals(DataTypes.BooleanType)
                    : type.equals(SQLDataTypes.VectorType()) || type.equals(DataTypes.createArrayType(DataTypes.DoubleType))
                    || type.equals(DataTypes.createArrayType(DataTypes.FloatType)) || type instanceof ArrayType a
                    && (a.elementType().equals(DataTypes.DoubleType) || a.elementType().equals(DataTypes.FloatType));
            if (!ok) {
                throw new IllegalArgumentException(stage + ": column '" + column + "' is of type " + type.simpleString() + "; "
                        + (raw() ? "a raw input column holds numbers, text or booleans"
                        : "featuresCol holds an ML Vector or an array of doubles or floats (or use inputCols for raw columns)"));
            }
        }
    }

    /** A reader of rows of {@code schema} into features of {@code width}; for raw columns, encoded by {@code table}. */
    Reader reader(StructType schema, int width, Optional<TableSchema> table) {
        if (raw()) {
            TableSchema fitted = table.orElseThrow(() -> new IllegalArgumentException(
                    "the model was not trained on raw columns (it has no table schema): give its vector column as featuresCol"));
            int[] at = rawColumns.stream().mapToInt(schema::fieldIndex).toArray();
            return new Reader(-1, at, new RowEncoder(rawColumns, fitted, "DataFrame"), width);
        }
        return new Reader(schema.fieldIndex(vectorColumn), null, null, width);
    }

    /** Reads rows of one schema into feature vectors; not thread-safe (one per task). */
    final class Reader {
        private final int vectorAt;
        private final int[] at;
        private final RowEncoder encoder;
        private final int width;
        private final List<String> cells;

        private Reader(int vectorAt, int[] at, RowEncoder encoder, int width) {
            this.vectorAt = vectorAt;
            this.at = at;
            this.encoder = encoder;
            this.width = width;
            this.cells = at == null ? null : new ArrayList<>(java.util.Collections.nCopies(at.length, (String) null));
        }

        /**
         * Writes row {@code row}'s features into {@code out} from {@code offset}.
         *
         * @param where names the row in errors (partition and index)
         */
        void read(Row row, float[] out, int offset, String where) {
            if (encoder != null) {
                for (int i = 0; i < at.length; i++) {
                    cells.set(i, cell(row.get(at[i])));
                }
                float[] features = new float[width];
                encoder.encode(cells, 0, features);
                System.arraycopy(features, 0, out, offset, width);
                return;
            }
            Object value = row.get(vectorAt);
            if (value == null) {
                throw new IllegalArgumentException(where + ": column '" + vectorColumn + "' is null; every row needs its features");
            }
            int size;
            if (value instanceof Vector v) {
                size = v.size();
                requireSize(size, where);
                for (int j = 0; j < size; j++) {
                    out[offset + j] = (float) v.apply(j);
                }
            } else {
                List<Object> list = row.getList(vectorAt);
                size = list.size();
                requireSize(size, where);
                for (int j = 0; j < size; j++) {
                    Object x = list.get(j);
                    out[offset + j] = x == null ? Float.NaN : ((Number) x).floatValue();
                }
            }
        }

        private void requireSize(int size, String where) {
            if (size != width) {
                throw new IllegalArgumentException(where + ": column '" + vectorColumn + "' holds a vector of " + size
                        + " values; the model takes " + width);
            }
        }
    }

    /** A raw cell as the text a CSV file would hold ({@code null}: missing). */
    static String cell(Object value) {
        return value == null ? null : value instanceof String s ? s : String.valueOf(value);
    }
}
