package org.ae4j.util;

import java.util.Optional;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import org.apiguardian.api.API;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * A team of threads that run one task together: lane 0 on the thread that made the team, lanes
 * 1…n−1 on helper threads of its own. Data-parallel training runs each slice of a batch in a lane.
 *
 * <p>Every lane runs ND4J with one native (OpenMP) thread while the team is open, so n lanes keep n
 * cores busy without oversubscribing them; closing the team restores the owner's setting. Between
 * tasks a helper spins for {@value #SPIN_MILLIS} ms before it parks: a step's serial part (optimizer,
 * next batch) is shorter than that, and waking a parked thread costs tens of microseconds on a virtual
 * machine. While it spins, {@link #split} gives it work of the owner's. A waiting lane (a barrier, the
 * owner waiting for the helpers, a helper between tasks) spins for {@value #SPIN_NANOS} ns, then yields its
 * core at each turn: with as many lanes as cores, a lane that only spun would hold a core from the very
 * thread its peer waits behind (the JIT's compiler, the collector).
 *
 * <p>Lanes meet inside a task with {@link #barrier()} and {@link #sum}; a lane that fails breaks the
 * team's barriers, so the others stop waiting and the failure is rethrown by {@link #run}.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Lanes implements AutoCloseable {

    static final long SPIN_MILLIS = 2;
    /** How long a wait spins before it yields its core at each turn. */
    static final long SPIN_NANOS = 20_000;
    private static final ThreadLocal<Lanes> OWNED = new ThreadLocal<>();

    private final int count;
    private final Thread owner;
    private final Helper[] helpers;
    private final int ownerThreads;
    private final int nativeThreads;
    private final int nativeMasterThreads;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicInteger arrived = new AtomicInteger();
    private final double[][] exchange;
    private volatile IntConsumer task;
    private volatile long generation;
    private volatile int barrierGeneration;
    private volatile Throwable failure;
    private volatile boolean closed;
    private boolean running;

    /** Starts {@code count − 1} helper threads; the calling thread is lane 0 and owns the team. */
    public Lanes(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("lanes must be >= 1, got " + count);
        }
        if (OWNED.get() != null) {
            throw new IllegalStateException("this thread already owns a team of lanes");
        }
        this.count = count;
        this.owner = Thread.currentThread();
        this.exchange = new double[count][];
        this.nativeThreads = Nd4j.getEnvironment().maxThreads();      // loads the backend before its native ops
        this.nativeMasterThreads = Nd4j.getEnvironment().maxMasterThreads();
        this.ownerThreads = NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads();
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(1);
        Nd4j.getEnvironment().setMaxThreads(1);             // libnd4j's own loops ask for these counts, not OpenMP's
        Nd4j.getEnvironment().setMaxMasterThreads(1);
        this.helpers = new Helper[count - 1];
        for (int lane = 1; lane < count; lane++) {
            Helper helper = new Helper(lane, owner.getName());
            helpers[lane - 1] = helper;
            helper.start();
        }
        OWNED.set(this);
    }

    /** The lane of the calling thread: its index on a helper, 0 on any other thread. */
    public static int current() {
        return Thread.currentThread() instanceof Helper helper ? helper.lane : 0;
    }

    public int count() {
        return count;
    }

    /**
     * Runs {@code task.accept(lane)} for every lane at once and returns when all have finished.
     * Only the owner may call it, not from inside a task. A lane's exception (the first, if several)
     * is rethrown here after every lane has stopped.
     */
    public void run(IntConsumer task) {
        if (Thread.currentThread() != owner || running || closed) {
            throw new IllegalStateException(closed ? "the lanes are closed" : "only the owner runs tasks, one at a time");
        }
        running = true;
        try {
            failure = null;
            arrived.set(0);
            pending.set(count - 1);
            this.task = task;
            generation++;                                 // volatile: publishes the task
            for (Helper helper : helpers) {
                LockSupport.unpark(helper);
            }
            try {
                task.accept(0);
            } catch (Throwable t) {
                fail(t);
            }
            long since = System.nanoTime();
            while (pending.get() > 0) {
                pause(since);
            }
        } finally {
            running = false;
            this.task = null;
        }
        Failures.rethrow(failure, "a lane failed");
    }

    /** Waits inside a task until every lane has reached this point. */
    public void barrier() {
        int gen = barrierGeneration;
        if (arrived.incrementAndGet() == count) {
            arrived.set(0);
            barrierGeneration = gen + 1;
            return;
        }
        long since = System.nanoTime();
        while (barrierGeneration == gen) {
            if (failure != null) {
                throw new BrokenLanesException();
            }
            pause(since);
        }
    }

    /** One turn of a wait that began at {@code since}: a spin hint for {@link #SPIN_NANOS}, then a yield. */
    private static void pause(long since) {
        if (System.nanoTime() - since < SPIN_NANOS) {
            Thread.onSpinWait();
        } else {
            Thread.yield();
        }
    }

    /**
     * Inside a task: the element-wise sum over every lane of each lane's {@code values} (same length
     * in every lane), added in lane order so that every lane gets the same bits, in a new array.
     * {@code values} is read by every lane during the call, so it must not change until it returns.
     */
    public double[] sum(double[] values) {
        int lane = current();
        exchange[lane] = values;
        barrier();
        double[] total = new double[values.length];
        for (double[] part : exchange) {
            if (part.length != total.length) {
                throw new IllegalArgumentException("lanes summed arrays of different lengths: " + part.length + " and "
                        + total.length);
            }
            for (int i = 0; i < total.length; i++) {
                total[i] += part[i];
            }
        }
        barrier();                                        // nobody overwrites exchange before all have read it
        return total;
    }

    /** The team the calling thread owns, if it owns one that is open and idle (not inside one of its tasks). */
    public static Optional<Lanes> idleTeam() {
        Lanes team = OWNED.get();
        return team == null || team.running || team.closed ? Optional.empty() : Optional.of(team);
    }

    /**
     * Runs {@code lower} on the calling thread and {@code upper} alongside: on helper 1 of the team the
     * calling thread owns (idle between tasks), else in the common fork-join pool, else after
     * {@code lower} — always after it inside a lane's task, where every core already has its lane.
     * Returns when both are done.
     */
    public static void split(Runnable lower, Runnable upper) {
        if (splitInTeam(lower, upper)) {
            return;
        }
        Lanes owned = OWNED.get();
        boolean inTask = current() != 0 || owned != null && owned.running;
        if (ForkJoinPool.getCommonPoolParallelism() >= 1 && !inTask) {
            ForkJoinTask<?> forked = ForkJoinPool.commonPool().submit(upper);
            lower.run();
            forked.join();
        } else {
            lower.run();
            upper.run();
        }
    }

    /**
     * Runs {@code lower} on the calling thread and {@code upper} on helper 1 of the team it owns, if
     * it owns one with a helper idle between tasks; returns whether it did (else it ran nothing).
     */
    public static boolean splitInTeam(Runnable lower, Runnable upper) {
        Lanes team = idleTeam().orElse(null);
        if (team == null || team.count < 2) {
            return false;
        }
        team.run(lane -> {
            if (lane == 0) {
                lower.run();
            } else if (lane == 1) {
                upper.run();
            }
        });
        return true;
    }

    private void fail(Throwable t) {
        synchronized (this) {
            if (failure == null || failure instanceof BrokenLanesException) {
                failure = t;
            }
        }
    }

    /** Stops the helpers and restores the owner's native thread count. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("only the owner closes its lanes");
        }
        closed = true;
        for (Helper helper : helpers) {
            LockSupport.unpark(helper);
        }
        for (Helper helper : helpers) {
            try {
                helper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        OWNED.remove();
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(ownerThreads);
        Nd4j.getEnvironment().setMaxThreads(nativeThreads);
        Nd4j.getEnvironment().setMaxMasterThreads(nativeMasterThreads);
    }

    /** Thrown in a lane that waits at a barrier another lane will never reach because it failed. */
    static final class BrokenLanesException extends RuntimeException {
        BrokenLanesException() {
            super("another lane failed", null, false, false);
        }
    }

    private final class Helper extends Thread {
        private final int lane;

        Helper(int lane, String ownerName) {
            super("ae4j-lane-" + lane + " (" + ownerName + ")");
            this.lane = lane;
            setDaemon(true);
        }

        @Override
        public void run() {
            NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(1);
            long seen = 0;
            while (true) {
                long next = awaitTask(seen);
                if (next < 0) {
                    return;
                }
                seen = next;
                try {
                    task.accept(lane);
                } catch (Throwable t) {
                    fail(t);
                } finally {
                    pending.decrementAndGet();
                }
            }
        }

        /** The next task's generation, or −1 once the team is closed: spins a while, then parks. */
        private long awaitTask(long seen) {
            long since = System.nanoTime();
            long spinUntil = since + SPIN_MILLIS * 1_000_000;
            while (true) {
                if (closed) {
                    return -1;
                }
                long g = generation;
                if (g != seen) {
                    return g;
                }
                if (System.nanoTime() < spinUntil) {
                    pause(since);
                } else {
                    LockSupport.park(this);
                }
            }
        }
    }
}
