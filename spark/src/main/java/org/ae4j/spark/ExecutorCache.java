package org.ae4j.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.ae4j.Ae4j;
import org.ae4j.persist.ModelFile;
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
        SavedModel loaded = load(bytes.get(), registry());
        synchronized (MODELS) {
            return MODELS.computeIfAbsent(key, k -> loaded);
        }
    }

    /** Loads model-file bytes through a private temporary file: the reader checks them as it checks any file. */
    static SavedModel load(byte[] bytes, Registry registry) {
        Path file = null;
        try {
            file = Files.createTempFile("ae4j-spark-", ModelFile.EXTENSION);
            Files.write(file, bytes);
            return ModelFile.load(file, registry);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temporary file left behind is not worth failing the task for
                }
            }
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
