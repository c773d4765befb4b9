package org.ae4j.kernel;

import java.util.Locale;
import org.ae4j.spi.Kernels;
import org.apiguardian.api.API;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the {@link Kernels} a process computes with: the Vector-API kernels when the JVM has the
 * {@code jdk.incubator.vector} module (start it with {@code --add-modules jdk.incubator.vector}; the
 * {@code ae4j} launcher, the Maven build and the benchmarks do), else ND4J's ops — 1.3–1.8× slower
 * training steps, which a log line says once. {@code -Dae4j.kernels=nd4j} (or {@code vector-api}) forces
 * a choice. The registry asks once, when it is made.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class KernelSelection {

    /** The system property that forces a choice: {@code nd4j} or {@code vector-api}. */
    public static final String PROPERTY = "ae4j.kernels";

    private static final Logger LOG = LoggerFactory.getLogger(KernelSelection.class);

    private KernelSelection() {
    }

    /** Whether the JVM can run the Vector-API kernels. */
    public static boolean vectorApiAvailable() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return false;
        }
        try {
            VectorKernels.species();
            return true;
        } catch (LinkageError e) {
            LOG.warn("the Vector API failed to load ({}); computing with ND4J's ops", e.toString());
            return false;
        }
    }

    /** The fastest kernels this JVM runs, unless {@value #PROPERTY} names others. */
    public static Kernels best() {
        String forced = System.getProperty(PROPERTY, "").trim().toLowerCase(Locale.ROOT);
        if (!forced.isEmpty()) {
            return named(forced);
        }
        if (vectorApiAvailable()) {
            return new VectorApiKernels();
        }
        LOG.info("computing with ND4J's ops: start the JVM with --add-modules jdk.incubator.vector for ae4j's fused "
                + "kernels (training steps 1.3-1.8x faster)");
        return new Nd4jKernels();
    }

    /**
     * The kernels named {@code name}: {@code "nd4j"} or {@code "vector-api"}.
     *
     * @throws IllegalArgumentException for another name, or {@code vector-api} in a JVM without the module
     */
    public static Kernels named(String name) {
        switch (name) {
            case Nd4jKernels.NAME:
                return new Nd4jKernels();
            case VectorApiKernels.NAME:
                if (!vectorApiAvailable()) {
                    throw new IllegalArgumentException("kernels 'vector-api' need the JVM option --add-modules jdk.incubator.vector");
                }
                return new VectorApiKernels();
            default:
                throw new IllegalArgumentException("unknown kernels '" + name + "'; known: nd4j, vector-api");
        }
    }
}
