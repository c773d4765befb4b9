package org.ae4j.apps;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.function.Consumer;
import org.ae4j.data.Dataset;
import org.ae4j.model.Autoencoder;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;
import org.apache.datasketches.req.ReqSketch;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Anomaly scores for an endless stream of rows, with a threshold that follows drift. Rows arrive in order, in batches
 * of any size (one row included); each gets the score the batch path gives ({@link AnomalyScorer#reconstructionError}
 * on the same encoded rows), the flag against the fixed threshold calibrated at training (when there is one) and the
 * flag against an <em>adaptive</em> threshold: the {@code 1 − falsePositiveRate} quantile of the scores of the last
 * completed window of {@code window} rows, kept in an Apache DataSketches REQ sketch in high-rank mode (accurate in
 * the upper tail: the rank error shrinks towards rank 1, where KLL's is flat). During the first window the quantile
 * comes from the rows seen so far, once there are {@code warmUp} of them; before that there is none ({@code NaN}).
 *
 * <p>Drift of the score distribution itself is reported as an event: at the end of every window, the population
 * stability index (PSI) between the reference window's scores (the first window, then the window of the last reported
 * drift) and this window's, over the reference's deciles; above {@code driftPsi} (0.25 is the usual "significant
 * shift") a {@link Drift} is reported and this window becomes the reference. A shift is therefore reported at most
 * two windows after it starts. Memory is bounded: three sketches of a few kilobytes, whatever the stream's length.
 *
 * <p>Thread-safe: {@link #score} calls are serialised, so the rows of concurrent callers are taken in the order the
 * calls enter.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.3")
public final class StreamingDetector {

    /**
     * @param window            rows per window of the adaptive threshold and the drift check, ≥ 100
     * @param warmUp            rows before the first adaptive threshold, in [1, window]
     * @param falsePositiveRate the share of normal rows the adaptive threshold flags, in (0, 0.5)
     * @param driftPsi          the PSI above which a window's scores count as drifted, &gt; 0
     */
    public record Options(int window, int warmUp, double falsePositiveRate, double driftPsi) {

        public Options {
            if (window < 100) {
                throw new IllegalArgumentException("window must be >= 100 rows, got " + window);
            }
            if (warmUp < 1 || warmUp > window) {
                throw new IllegalArgumentException("warmUp must be in [1, window = " + window + "], got " + warmUp);
            }
            if (!(falsePositiveRate > 0 && falsePositiveRate < 0.5)) {
                throw new IllegalArgumentException("falsePositiveRate must be in (0, 0.5), got " + falsePositiveRate);
            }
            if (!(driftPsi > 0) || Double.isInfinite(driftPsi)) {
                throw new IllegalArgumentException("driftPsi must be a finite number > 0, got " + driftPsi);
            }
        }

        /** Windows of 10,000 rows, 1,000 rows of warm-up, 1 % flagged, drift above a PSI of 0.25. */
        public static Options defaults() {
            return new Options(10_000, 1_000, 0.01, 0.25);
        }
    }

    /**
     * One row's result.
     *
     * @param row               the row's position in the stream, from 0
     * @param score             its anomaly score (reconstruction error)
     * @param anomaly           whether the score is above the fixed threshold (false when there is none)
     * @param adaptiveThreshold the adaptive threshold the row was compared with; {@code NaN} during warm-up
     * @param adaptiveAnomaly   whether the score is above the adaptive threshold (false during warm-up)
     */
    public record Result(long row, double score, boolean anomaly, double adaptiveThreshold, boolean adaptiveAnomaly) {
    }

    /**
     * A drift of the score distribution.
     *
     * @param row the last row of the window that drifted
     * @param psi the window's population stability index against the reference
     */
    public record Drift(long row, double psi) {
    }

    private static final int BINS = 10;
    private static final double FLOOR = 1e-4;

    private final AnomalyScorer scorer;
    private final OptionalDouble threshold;
    private final Options options;
    private final Consumer<Drift> onDrift;
    private long rows;
    private ReqSketch filling = sketch();
    private ReqSketch completed;
    private ReqSketch reference;

    /**
     * @param threshold the fixed threshold calibrated at training, if any
     * @param onDrift   told of each drift, on the thread that scored the window's last row
     */
    public StreamingDetector(Autoencoder model, OptionalDouble threshold, Options options, Consumer<Drift> onDrift) {
        this.scorer = AnomalyScorer.reconstructionError(Objects.requireNonNull(model, "model"));
        this.threshold = Objects.requireNonNull(threshold, "threshold");
        this.options = Objects.requireNonNull(options, "options");
        this.onDrift = Objects.requireNonNull(onDrift, "onDrift");
    }

    private static ReqSketch sketch() {
        return ReqSketch.builder().setK(12).setHighRankAccuracy(true).build();
    }

    /** Rows scored so far. */
    public synchronized long rows() {
        return rows;
    }

    /** The adaptive threshold the next row would be compared with; {@code NaN} during warm-up. */
    public synchronized double adaptiveThreshold() {
        ReqSketch basis = completed != null ? completed : filling.getN() >= options.warmUp() ? filling : null;
        return basis == null ? Double.NaN : basis.getQuantile(1 - options.falsePositiveRate(), QuantileSearchCriteria.INCLUSIVE);
    }

    /**
     * Scores {@code features} (encoded rows {@code [n, …]} in arrival order, {@code NaN} for a missing cell) and updates
     * the thresholds.
     */
    public synchronized List<Result> score(INDArray features) {
        INDArray rowsIn = features.dataType() == DataType.FLOAT ? features : features.castTo(DataType.FLOAT);
        double[] scores = scorer.scores(Dataset.incomplete(rowsIn, null));
        List<Result> results = new ArrayList<>(scores.length);
        double adaptive = adaptiveThreshold();
        for (double s : scores) {
            boolean fixed = threshold.isPresent() && s > threshold.getAsDouble();
            results.add(new Result(rows, s, fixed, adaptive, !Double.isNaN(adaptive) && s > adaptive));
            filling.update((float) s);
            rows++;
            if (filling.getN() == options.window()) {
                endWindow();
            }
            if (Double.isNaN(adaptive) && filling.getN() == options.warmUp()) {
                adaptive = adaptiveThreshold();
            }
        }
        return results;
    }

    private void endWindow() {
        if (reference == null) {
            reference = filling;
        } else {
            double psi = psi(reference, filling);
            if (psi > options.driftPsi()) {
                reference = filling;
                onDrift.accept(new Drift(rows - 1, psi));
            }
        }
        completed = filling;
        filling = sketch();
    }

    /** The population stability index of {@code current} against {@code base}, over {@code base}'s deciles. */
    static double psi(ReqSketch base, ReqSketch current) {
        double[] ranks = new double[BINS - 1];
        for (int i = 0; i < ranks.length; i++) {
            ranks[i] = (i + 1) / (double) BINS;
        }
        float[] edges = base.getQuantiles(ranks, QuantileSearchCriteria.INCLUSIVE);
        float[] distinct = distinctAscending(edges);
        double[] expected = base.getPMF(distinct, QuantileSearchCriteria.INCLUSIVE);
        double[] actual = current.getPMF(distinct, QuantileSearchCriteria.INCLUSIVE);
        double psi = 0;
        for (int i = 0; i < expected.length; i++) {
            double p = Math.max(expected[i], FLOOR);
            double q = Math.max(actual[i], FLOOR);
            psi += (q - p) * Math.log(q / p);
        }
        return psi;
    }

    private static float[] distinctAscending(float[] edges) {
        float[] out = new float[edges.length];
        int n = 0;
        for (float e : edges) {
            if (n == 0 || e > out[n - 1]) {
                out[n++] = e;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
