package org.ae4j.spark;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.ae4j.Ae4j;
import org.ae4j.persist.SavedModel;
import org.ae4j.registry.Registry;

/**
 * What an executor JVM keeps between tasks: the plug-in registry (built once), each broadcast model loaded once (a
 * model is only read while scoring, so every task thread shares it), and for training, a pool of replicas per job (a
 * replica is written to, so a task borrows one for itself). Both caches hold the few most recent entries: an
 * executor running many jobs does not keep every model it ever saw. This is the one JVM-wide mutable state of ae4j,
 * and exists because Spark gives a task no other place that outlives it.
 */
final class ExecutorCache {

    private static final int MODELS_KEPT = 4;
    private static final int JOBS_KEPT = 2;

    private static Registry registry;
    private static final Map<String, SavedModel> MODELS = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SavedModel> eldest) {
            return size() > MODELS_KEPT;
        }
    };
    private static final Map<String, Deque<Object>> POOLS = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Object>> eldest) {
            return size() > JOBS_KEPT;
        }
    };

    private ExecutorCache() {
    }

    /** The registry of the plug-ins this JVM sees (the application's jars). */
    static synchronized Registry registry() {
        if (registry == null) {
            registry = Ae4j.registry();
        }
        return registry;
    }

    /** The model {@code key} names, loaded from {@code bytes} (an {@code .ae4j} file) the first time this JVM sees it. */
    static SavedModel model(String key, Supplier<byte[]> bytes) {
        synchronized (MODELS) {
            SavedModel cached = MODELS.get(key);
            if (cached != null) {
                return cached;
            }
        }
        SavedModel loaded = ModelBytes.read(bytes.get(), registry());
        synchronized (MODELS) {
            return MODELS.computeIfAbsent(key, k -> loaded);
        }
    }

    /** A replica of job {@code job} for this task: a pooled one, else a new one from {@code create}. */
    @SuppressWarnings("unchecked")
    static <T> T borrow(String job, Supplier<T> create) {
        synchronized (POOLS) {
            Object pooled = POOLS.computeIfAbsent(job, k -> new ArrayDeque<>()).poll();
            if (pooled != null) {
                return (T) pooled;
            }
        }
        return create.get();
    }

    /** Gives a replica back to its job's pool. */
    static void giveBack(String job, Object replica) {
        synchronized (POOLS) {
            POOLS.computeIfAbsent(job, k -> new ArrayDeque<>()).push(replica);
        }
    }
}
