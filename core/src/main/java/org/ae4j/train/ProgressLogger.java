package org.ae4j.train;

import java.time.Duration;
import java.util.Locale;
import org.apiguardian.api.API;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a progress line (batches done, samples/s, ETA) at most once per interval, and one line per
 * epoch with its losses and throughput, through SLF4J at INFO.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ProgressLogger implements TrainingListener {

    private static final Logger LOG = LoggerFactory.getLogger(ProgressLogger.class);

    private final long intervalNanos;
    private long lastReport;

    /** @param interval the least time between two progress lines */
    public ProgressLogger(Duration interval) {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("progress interval must be >= 0, got " + interval);
        }
        this.intervalNanos = interval.toNanos();
    }

    /** One progress line every 5 seconds. */
    public ProgressLogger() {
        this(Duration.ofSeconds(5));
    }

    @Override
    public void onTrainingStart(TrainingConfig config, long trainExamples, long validationExamples) {
        lastReport = System.nanoTime();
        if (!LOG.isInfoEnabled()) {
            // without an SLF4J provider (or with INFO off) progress would vanish silently: say so once, where it is seen
            System.err.println("ae4j: training progress is logged through SLF4J at INFO, which is off here"
                    + (LoggerFactory.getILoggerFactory() instanceof org.slf4j.helpers.NOPLoggerFactory
                    ? " (no SLF4J provider on the class path: add one, e.g. org.slf4j:slf4j-simple)" : ""));
        }
        LOG.info("training on {} examples ({} for validation), {} epochs of batches of {}", trainExamples,
                validationExamples, config.epochs(), config.batchSize());
    }

    @Override
    public void onBatchEnd(BatchProgress p) {
        long now = System.nanoTime();
        if (now - lastReport < intervalNanos) {
            return;
        }
        lastReport = now;
        LOG.info(String.format(Locale.ROOT, "epoch %d/%d  batch %d/%d (%.0f%%)  %,.0f samples/s  loss %.5f  ETA %s",
                p.epoch(), p.epochs(), p.batch(), p.batches(), 100.0 * p.batch() / p.batches(),
                p.samplesPerSecond(), p.loss(), formatSeconds(p.etaSeconds())));
    }

    @Override
    public void onEpochEnd(EpochMetrics m) {
        LOG.info(String.format(Locale.ROOT, "epoch %d  train loss %.6f  validation loss %s  %,.0f samples/s  %.1f s",
                m.epoch(), m.trainLoss(), m.hasValidation() ? String.format(Locale.ROOT, "%.6f", m.validationLoss()) : "-",
                m.samplesPerSecond(), m.seconds()));
    }

    static String formatSeconds(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "?";
        }
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }
}
