package org.ae4j.data;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Arrays;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Min–max scaling to [0, 1], fitted on training data and applied unchanged to any other data:
 * {@code x' = (x − min) / (max − min)}, either with one range for all features ({@link #fitGlobal},
 * right for images) or per feature ({@link #fitPerFeature}, right for tabular data). A feature whose
 * range is 0 maps to 0. Values outside the fitted range map outside [0, 1]; nothing is clipped.
 *
 * @param min   the minimum, one value (global) or one per feature
 * @param max   the maximum, same length as {@code min}
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record MinMaxNormalizer(double[] min, double[] max) {

    public MinMaxNormalizer {
        min = min.clone();
        max = max.clone();
        if (min.length == 0 || min.length != max.length) {
            throw new IllegalArgumentException("min and max must be non-empty and of equal length, got "
                    + min.length + " and " + max.length);
        }
        for (int i = 0; i < min.length; i++) {
            if (!Double.isFinite(min[i]) || !Double.isFinite(max[i]) || max[i] < min[i]) {
                throw new IllegalArgumentException("feature " + i + ": need finite min <= max, got ["
                        + min[i] + ", " + max[i] + "]");
            }
        }
    }

    /** One range over every value of {@code data}. */
    public static MinMaxNormalizer fitGlobal(Dataset data) {
        INDArray f = data.features();
        return new MinMaxNormalizer(new double[] {f.minNumber().doubleValue()}, new double[] {f.maxNumber().doubleValue()});
    }

    /** One range per feature (examples flattened to rows). */
    public static MinMaxNormalizer fitPerFeature(Dataset data) {
        INDArray rows = data.features().reshape('c', data.size(), data.exampleLength());
        return new MinMaxNormalizer(rows.min(0).toDoubleVector(), rows.max(0).toDoubleVector());
    }

    @Override
    public double[] min() {
        return min.clone();
    }

    @Override
    public double[] max() {
        return max.clone();
    }

    @JsonIgnore
    public boolean isGlobal() {
        return min.length == 1;
    }

    /** The scaled data, as a new dataset (labels kept). */
    public Dataset transform(Dataset data) {
        INDArray f = data.features();
        INDArray scaled;
        if (isGlobal()) {
            double range = max[0] - min[0];
            scaled = f.sub(min[0]).divi(range == 0 ? 1 : range);
        } else {
            if (data.exampleLength() != min.length) {
                throw new IllegalArgumentException("normalizer was fitted on " + min.length
                        + " features, but the data has " + data.exampleLength() + " per example");
            }
            double[] range = new double[min.length];
            for (int i = 0; i < range.length; i++) {
                range[i] = max[i] == min[i] ? 1 : max[i] - min[i];
            }
            INDArray rows = f.reshape('c', data.size(), data.exampleLength());
            INDArray minRow = Nd4j.create(min, new long[] {1, min.length}).castTo(f.dataType());
            INDArray rangeRow = Nd4j.create(range, new long[] {1, range.length}).castTo(f.dataType());
            scaled = rows.subRowVector(minRow).diviRowVector(rangeRow).reshape('c', f.shape());
        }
        return data.labels().map(l -> Dataset.labeled(scaled, l)).orElseGet(() -> Dataset.of(scaled));
    }

    /** Maps scaled data back to the original range: {@code x = x'·(max − min) + min}. A new array. */
    public INDArray inverse(INDArray scaled) {
        if (isGlobal()) {
            double range = max[0] - min[0];
            return scaled.mul(range == 0 ? 1 : range).addi(min[0]);
        }
        long per = scaled.length() / scaled.size(0);
        if (per != min.length) {
            throw new IllegalArgumentException("normalizer was fitted on " + min.length + " features, but the data has "
                    + per + " per example");
        }
        double[] range = new double[min.length];
        for (int i = 0; i < range.length; i++) {
            range[i] = max[i] == min[i] ? 1 : max[i] - min[i];
        }
        INDArray rows = scaled.reshape('c', scaled.size(0), per);
        INDArray minRow = Nd4j.create(min, new long[] {1, min.length}).castTo(scaled.dataType());
        INDArray rangeRow = Nd4j.create(range, new long[] {1, range.length}).castTo(scaled.dataType());
        return rows.mulRowVector(rangeRow).addiRowVector(minRow).reshape('c', scaled.shape());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MinMaxNormalizer other && Arrays.equals(min, other.min) && Arrays.equals(max, other.max);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(min) + Arrays.hashCode(max);
    }

    @Override
    public String toString() {
        return isGlobal() ? "MinMaxNormalizer[" + min[0] + ", " + max[0] + "]" : "MinMaxNormalizer(" + min.length + " features)";
    }
}
