package org.ae4j.apps;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.ae4j.data.Dataset;
import org.ae4j.data.table.ColumnSpec;
import org.ae4j.data.table.RowDecoder;
import org.ae4j.data.table.Table;
import org.ae4j.data.table.TableReader;
import org.ae4j.data.table.TableSchema;
import org.ae4j.model.Autoencoder;
import org.ae4j.persist.AtomicFiles;
import org.ae4j.persist.SavedModel;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Fills the missing cells of a table with a model trained on it (masked loss, ideally with {@code cell-masking}): a
 * first pass reconstructs every row with all its holes missing, as the model was trained (Gondara &amp; Wang's MIDA),
 * and puts the reconstruction into the missing features only; each further pass re-estimates the holes one column at
 * a time — that column hidden again, the row's other holes filled with the current values, the way cell-masking
 * trained the model to fill a cell from the others — until no filled feature moves by more than the tolerance or the
 * iterations run out. (Feeding whole filled rows back instead was measured to drift: the model mostly copies a value it
 * is given.) Observed cells are never changed: a file is rewritten with the original text of every observed cell.
 * <p>Given several models trained on the same table (other seeds), every reconstruction is the average of theirs —
 * an ensemble, as Gondara &amp; Wang average several imputations: measured on six real tables at 30 % missing, three
 * members cut the RMSE by 3–7 % against one.
 * Thread-safe: the models are only read.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class TableImputer {

    /**
     * The filled rows and how the iteration ended.
     *
     * @param features   every row's features, missing ones filled, row-major {@code [rows][width]}
     * @param iterations passes made
     * @param lastChange the largest move of a filled feature in the last pass
     */
    public record Filled(float[][] features, int iterations, double lastChange) {
    }

    /**
     * What {@link #imputeFile} did.
     *
     * @param columns    the kept columns, in order
     * @param filled     cells filled per column
     * @param iterations passes made
     * @param lastChange the largest move of a filled feature in the last pass
     */
    public record Report(List<String> columns, long[] filled, int iterations, double lastChange) {
    }

    private final List<Autoencoder> members;
    private final TableSchema schema;

    /** An imputer with one model. */
    public TableImputer(Autoencoder model, TableSchema schema) {
        this(List.of(model), schema);
    }

    /**
     * An imputer whose fills are the average of several models' trained on the same table with this schema.
     *
     * @throws IllegalArgumentException if there is no model, or one does not skip missing targets or does not take the
     *                                  schema's rows
     */
    public TableImputer(List<Autoencoder> members, TableSchema schema) {
        this.members = List.copyOf(members);
        this.schema = Objects.requireNonNull(schema, "schema");
        if (this.members.isEmpty()) {
            throw new IllegalArgumentException("an imputer needs at least one model");
        }
        for (Autoencoder model : this.members) {
            if (!model.loss().skipsMissingTargets()) {
                throw new IllegalArgumentException("the model's loss '" + model.loss().name() + "' does not skip missing values; "
                        + "impute with a model trained on the table with the masked loss (ae4j train --data TABLE)");
            }
            if (model.inputShape().length != 1 || model.inputShape()[0] != schema.width()) {
                throw new IllegalArgumentException("the model takes " + Arrays.toString(model.inputShape()) + ", the table's rows have "
                        + schema.width() + " features");
            }
        }
    }

    /** The imputer of a saved model trained on a table. */
    public static TableImputer of(SavedModel saved) {
        return of(List.of(saved));
    }

    /**
     * The imputer averaging several saved models trained on the same table (say, with other seeds).
     *
     * @throws IllegalArgumentException if a model was not trained on a table, or their tables' schemas differ
     */
    public static TableImputer of(List<SavedModel> saved) {
        if (saved.isEmpty()) {
            throw new IllegalArgumentException("an imputer needs at least one model");
        }
        TableSchema schema = schemaOf(saved.get(0));
        for (SavedModel other : saved.subList(1, saved.size())) {
            if (!schemaOf(other).equals(schema)) {
                throw new IllegalArgumentException("the models were trained on different tables (their schemas differ): "
                        + "an ensemble's members must be trained on the same table");
            }
        }
        return new TableImputer(saved.stream().map(SavedModel::model).toList(), schema);
    }

    private static TableSchema schemaOf(SavedModel saved) {
        return saved.table().orElseThrow(() -> new IllegalArgumentException(
                "the model was not trained on a table: it has no schema to read and write cells with"));
    }

    /** Fills the missing ({@code NaN}) features of {@code rows}. */
    public Filled impute(Dataset rows, ImputationOptions options) {
        int n = rows.size();
        int width = schema.width();
        float[] observed = rows.features().reshape(n, width).castTo(DataType.FLOAT).dup('c').data().asFloat();
        float[] current = observed.clone();
        boolean any = false;
        for (int i = 0; i < current.length; i++) {
            if (Float.isNaN(current[i])) {
                current[i] = 0;
                any = true;
            }
        }
        int iterations = 0;
        double change = 0;
        int[] spans = schema.features().stream().mapToInt(ColumnSpec::width).toArray();
        while (any && iterations < options.maxIterations()) {
            float[] next = current.clone();
            if (iterations == 0) {                                     // every hole at once, as the model was trained to see them
                float[] reconstruction = reconstruct(observed, n, width, options.batchSize());
                for (int i = 0; i < next.length; i++) {
                    if (Float.isNaN(observed[i])) {
                        next[i] = reconstruction[i];
                    }
                }
            } else {                                                   // each column's holes again, the row's other holes filled
                int from = 0;
                for (int span : spans) {
                    refill(next, current, observed, n, width, from, span, options.batchSize());
                    from += span;
                }
            }
            change = 0;
            for (int i = 0; i < current.length; i++) {
                change = Math.max(change, Math.abs(next[i] - current[i]));
            }
            current = next;
            iterations++;
            if (change < options.tolerance()) {
                break;
            }
        }
        float[][] features = new float[n][];
        for (int r = 0; r < n; r++) {
            features[r] = Arrays.copyOfRange(current, r * width, (r + 1) * width);
        }
        return new Filled(features, iterations, change);
    }

    /**
     * Re-estimates one column's holes: the rows missing it, with it hidden again and their other holes filled from
     * {@code current}, reconstructed; its features taken from the reconstruction.
     */
    private void refill(float[] next, float[] current, float[] observed, int n, int width, int from, int span, int batchSize) {
        int[] rows = java.util.stream.IntStream.range(0, n).filter(r -> Float.isNaN(observed[r * width + from])).toArray();
        if (rows.length == 0) {
            return;
        }
        float[] input = new float[rows.length * width];
        for (int k = 0; k < rows.length; k++) {
            System.arraycopy(current, rows[k] * width, input, k * width, width);
            Arrays.fill(input, k * width + from, k * width + from + span, Float.NaN);
        }
        float[] reconstruction = reconstruct(input, rows.length, width, batchSize);
        for (int k = 0; k < rows.length; k++) {
            System.arraycopy(reconstruction, k * width + from, next, rows[k] * width + from, span);
        }
    }

    /** The members' average reconstruction of {@code n} rows. */
    private float[] reconstruct(float[] values, int n, int width, int batchSize) {
        float[] out = new float[values.length];
        float share = 1f / members.size();
        for (Autoencoder model : members) {
            DataType type = model.parameters().get(0).value().dataType();
            for (int from = 0; from < n; from += batchSize) {
                int rows = Math.min(batchSize, n - from);
                INDArray batch = Nd4j.createFromArray(Arrays.copyOfRange(values, from * width, (from + rows) * width))
                        .reshape(rows, width).castTo(type);
                float[] part = model.reconstruct(batch).castTo(DataType.FLOAT).dup('c').data().asFloat();
                for (int i = 0; i < part.length; i++) {
                    out[from * width + i] += share * part[i];
                }
            }
        }
        return out;
    }

    /**
     * Reads {@code in} with the model's schema, fills its missing cells and writes {@code out} (atomically): the same
     * columns, order and delimiter, every observed cell as it was, every missing cell of a kept column filled in the
     * table's own terms (a number unscaled, a category, a boolean's spelling). Cells of dropped columns stay as they are.
     */
    public Report imputeFile(Path in, Path out, Optional<Character> delimiter, ImputationOptions options) throws IOException {
        Table table = TableReader.read(in, schema, delimiter);
        Filled filled = impute(table.data(), options);
        RowDecoder decoder = new RowDecoder(schema);
        long[][] counts = new long[1][];
        AtomicFiles.write(out, stream -> counts[0] = TableReader.fillMissing(in, stream, schema, delimiter,
                (row, column) -> decoder.cell(filled.features()[(int) row], column)));
        return new Report(schema.features().stream().map(ColumnSpec::name).toList(), counts[0], filled.iterations(),
                filled.lastChange());
    }
}
