package org.ae4j.data.table;

import java.util.List;
import org.ae4j.spi.Corruption;
import org.ae4j.spi.CorruptionSpec;
import org.ae4j.spi.Kernels;
import org.ae4j.spi.RandomSource;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Hides random observed cells of a table's rows during training, as if they were missing: each cell — all the features
 * of its column, e.g. every one-hot slot of a category — is set to {@code NaN} with probability {@code fraction}, so
 * the encoder sees it as it sees a missing cell (a model for tables takes {@code NaN} as 0) while the loss still
 * compares the reconstruction with the observed value. A model trained so learns to fill a cell from the others: the
 * denoising imputation of Gondara &amp; Wang (2018, "MIDA"). {@link #forSchema} sizes the cells from a table's schema.
 *
 * @param fraction the share of cells hidden, in [0, 1) (default 0.25)
 * @param cells    the features of each cell, in order (their sum is the row's width); empty: one feature per cell
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record CellMasking(double fraction, List<Integer> cells) implements CorruptionSpec, Corruption {

    public static final String TYPE = "cell-masking";

    public CellMasking {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("cell-masking fraction must be in [0, 1), got " + fraction);
        }
        cells = cells == null ? List.of() : List.copyOf(cells);
        for (int width : cells) {
            if (width < 1) {
                throw new IllegalArgumentException("cell-masking: every cell has at least one feature, got " + cells);
            }
        }
    }

    public static CellMasking defaults() {
        return new CellMasking(0.25, List.of());
    }

    /** Masking of {@code fraction} of the cells of rows encoded with {@code schema}. */
    public static CellMasking forSchema(TableSchema schema, double fraction) {
        return new CellMasking(fraction, schema.features().stream().map(ColumnSpec::width).toList());
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String name() {
        return TYPE;
    }

    @Override
    public Corruption create(Kernels kernels) {
        return this;
    }

    @Override
    public INDArray corrupt(INDArray clean, RandomSource random) {
        long rows = clean.size(0);
        int width = (int) (clean.length() / Math.max(1, rows));
        int sum = cells.stream().mapToInt(Integer::intValue).sum();
        if (!cells.isEmpty() && sum != width) {
            throw new IllegalArgumentException("cell-masking: its cells hold " + sum + " features, but the rows have " + width);
        }
        float[] values = clean.dup('c').data().asFloat();
        java.util.SplittableRandom draws = random.java();
        int count = cells.isEmpty() ? width : cells.size();
        for (long r = 0; r < rows; r++) {
            int at = (int) (r * width);
            for (int c = 0; c < count; c++) {
                int span = cells.isEmpty() ? 1 : cells.get(c);
                if (draws.nextDouble() < fraction) {
                    java.util.Arrays.fill(values, at, at + span, Float.NaN);
                }
                at += span;
            }
        }
        return org.nd4j.linalg.factory.Nd4j.createFromArray(values).reshape(clean.shape()).castTo(clean.dataType());
    }
}
