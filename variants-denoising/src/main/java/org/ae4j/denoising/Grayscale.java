package org.ae4j.denoising;

import java.util.List;
import org.ae4j.spi.RandomSource;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Colour → grey: every pixel's channels are replaced by its luma {@code Y = Σ_c w_c·x_c}
 * (default weights ITU-R BT.601: 0.299 R + 0.587 G + 0.114 B). A model trained to undo it learns
 * colorization. Examples are channel-major ({@code [C, H, W]} flattened), with as many channels as
 * weights.
 *
 * @param weights the channel weights, non-negative, summing to 1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Grayscale(List<Double> weights) implements StatelessCorruption {

    public static final String TYPE = "grayscale";

    public Grayscale {
        weights = List.copyOf(weights);
        if (weights.size() < 2 || weights.stream().anyMatch(w -> !(w >= 0))
                || Math.abs(weights.stream().mapToDouble(Double::doubleValue).sum() - 1) > 1e-6) {
            throw new IllegalArgumentException("grayscale weights must be >= 0, at least two, summing to 1; got " + weights);
        }
    }

    public static Grayscale defaults() {
        return new Grayscale(List.of(0.299, 0.587, 0.114));
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public INDArray corrupt(INDArray clean, RandomSource random) {
        int per = Pixels.perExample(clean);
        int channels = weights.size();
        if (per % channels != 0) {
            throw new IllegalArgumentException("grayscale with " + channels + " channels needs examples whose size is a "
                    + "multiple of " + channels + ", got " + per);
        }
        int plane = per / channels;
        double[] values = Pixels.copyOf(clean);
        for (int start = 0; start < values.length; start += per) {
            for (int p = 0; p < plane; p++) {
                double luma = 0;
                for (int c = 0; c < channels; c++) {
                    luma += weights.get(c) * values[start + c * plane + p];
                }
                for (int c = 0; c < channels; c++) {
                    values[start + c * plane + p] = luma;
                }
            }
        }
        return Pixels.arrayLike(clean, values);
    }
}
