package org.ae4j.train;

import java.time.Duration;
import org.apiguardian.api.API;

/**
 * Asks the JVM to collect garbage at most once per interval, at batch ends. ND4J frees an array's native
 * memory only when the JVM collects the array, and an array's Java part is so small that the heap
 * rarely fills: without collections, native memory grows over a long run until the machine runs out
 * (measured: 24 GiB during the full benchmark). Applications that train many models in one process
 * should attach this listener; a collection of a small heap costs milliseconds.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class NativeMemoryRelease implements TrainingListener {

    private final long intervalNanos;
    private long last = System.nanoTime();

    public NativeMemoryRelease(Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("collection interval must be > 0, got " + interval);
        }
        this.intervalNanos = interval.toNanos();
    }

    /** At most one collection every 2 seconds. */
    public NativeMemoryRelease() {
        this(Duration.ofSeconds(2));
    }

    @Override
    public void onBatchEnd(BatchProgress progress) {
        long now = System.nanoTime();
        if (now - last >= intervalNanos) {
            last = now;
            System.gc();
        }
    }

    @Override
    public void onTrainingEnd(TrainingResult result) {
        last = System.nanoTime();
        System.gc();
    }
}
