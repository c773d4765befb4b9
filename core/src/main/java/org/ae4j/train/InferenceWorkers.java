package org.ae4j.train;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.ae4j.util.Failures;
import org.ae4j.util.StepMemory;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * The daemon threads that compute {@link BatchInference}'s batches, one per lane, kept between calls: each keeps
 * its reused native memory ({@link StepMemory}) from one call to the next instead of sizing, zeroing and freeing
 * a new block per call (measured: ~9 % of a 10,000-image reconstruction went to that), and no thread starts per
 * call. A worker idle for {@value #IDLE_SECONDS} s ends and frees its memory; the next call starts one again.
 *
 * <p>Every worker runs ND4J on one native (OpenMP) thread, and while a call runs libnd4j's own loops are limited
 * to one thread too (restored after), so n workers keep n cores busy without oversubscribing them. The calling
 * thread waits meanwhile. One call at a time: {@link BatchInference} makes sure of it.
 */
final class InferenceWorkers {

    /** Seconds a worker waits for the next call before it ends and frees its memory. */
    static final long IDLE_SECONDS = 30;

    private final StepMemory memory;
    private final ThreadPoolExecutor pool;

    /** @param memory the per-thread native memory the workers compute in; freed by each worker as it ends */
    InferenceWorkers(StepMemory memory) {
        this.memory = memory;
        AtomicInteger made = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(1, 1, IDLE_SECONDS, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                body -> new Worker(made.incrementAndGet(), body));
        pool.allowCoreThreadTimeOut(true);
    }

    /** Whether the calling thread is one of the workers (a call from inside a batch computes on its own thread). */
    static boolean isWorker() {
        return Thread.currentThread() instanceof Worker;
    }

    /**
     * Runs {@code task.accept(lane)} for lanes 0…{@code lanes}−1, each on its own worker, and returns when all are
     * done. The first failure is rethrown as it was thrown (a checked one wrapped) once every lane has stopped.
     */
    void run(int lanes, IntConsumer task) {
        if (pool.getMaximumPoolSize() < lanes) {
            pool.setMaximumPoolSize(lanes);
            pool.setCorePoolSize(lanes);
        } else if (pool.getCorePoolSize() < lanes) {
            pool.setCorePoolSize(lanes);
        }
        int nativeThreads = Nd4j.getEnvironment().maxThreads();
        int nativeMasterThreads = Nd4j.getEnvironment().maxMasterThreads();
        Nd4j.getEnvironment().setMaxThreads(1);          // libnd4j's own loops ask for these counts, not OpenMP's
        Nd4j.getEnvironment().setMaxMasterThreads(1);
        try {
            List<Future<?>> running = new ArrayList<>(lanes);
            for (int lane = 0; lane < lanes; lane++) {
                int l = lane;
                running.add(pool.submit(() -> task.accept(l)));
            }
            Throwable failure = null;
            for (Future<?> lane : running) {
                try {
                    lane.get();
                } catch (ExecutionException e) {
                    failure = failure == null ? e.getCause() : failure;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running.forEach(f -> f.cancel(true));
                    throw new IllegalStateException("interrupted while the inference workers ran", e);
                }
            }
            Failures.rethrow(failure, "an inference worker failed");
        } finally {
            Nd4j.getEnvironment().setMaxThreads(nativeThreads);
            Nd4j.getEnvironment().setMaxMasterThreads(nativeMasterThreads);
        }
    }

    /** A worker thread: one native thread for ND4J; frees its native memory when it ends. */
    private final class Worker extends Thread {

        Worker(int number, Runnable body) {
            super(body, "ae4j-inference-" + number);
            setDaemon(true);
        }

        @Override
        public void run() {
            NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(1);
            try {
                super.run();
            } finally {
                memory.release();
            }
        }
    }
}
