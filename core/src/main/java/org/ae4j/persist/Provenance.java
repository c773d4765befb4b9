package org.ae4j.persist;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.ae4j.Ae4j;
import org.ae4j.spi.Kernels;
import org.apiguardian.api.API;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Where and how a model was trained — results depend on it (thread counts and kernels change the last
 * bits; CPUs change the speed): saved with the training metadata, as Tribuo's model provenance does.
 *
 * @param ae4j    ae4j's version
 * @param java    the JVM's vendor and version
 * @param os      operating system, version and architecture
 * @param cpu     the processor's model name, when the OS tells it
 * @param cores   processors available to the JVM
 * @param nd4j    ND4J's version, backend and native build features (e.g. {@code 1.0.0-M2.1 CPU ONEDNN OPENBLAS})
 * @param kernels the {@link Kernels} implementation the model computed with
 * @param workers data-parallel workers of the training run
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record Provenance(String ae4j, String java, String os, String cpu, int cores, String nd4j, String kernels, int workers) {

    /** What files written before provenance was recorded say. */
    public static final Provenance UNKNOWN = new Provenance("unknown", "unknown", "unknown", "unknown", 0, "unknown", "unknown", 0);

    /** This process, training with {@code kernels} on {@code workers} workers. */
    public static Provenance of(Kernels kernels, int workers) {
        return new Provenance(Ae4j.version(), System.getProperty("java.vendor") + " " + System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                cpuModel(), Runtime.getRuntime().availableProcessors(), nd4jBuild(), kernels.name(), workers);
    }

    private static String cpuModel() {
        Path info = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(info)) {
            return System.getProperty("os.arch");
        }
        try (Stream<String> lines = Files.lines(info)) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse(System.getProperty("os.arch"));
        } catch (IOException | RuntimeException e) {
            return System.getProperty("os.arch");
        }
    }

    private static String nd4jBuild() {
        String version = "unknown";
        try (InputStream in = Nd4j.class.getResourceAsStream("/META-INF/maven/org.nd4j/nd4j-api/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                version = p.getProperty("version", version);
            }
        } catch (IOException e) {
            // the version stays unknown
        }
        String backend = String.valueOf(Nd4j.getExecutioner().getEnvironmentInformation().getOrDefault("backend", "?"));
        String features = Stream.of(NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo().split("\n"))
                .filter(l -> l.startsWith("HAVE_")).map(l -> l.substring(5).toLowerCase(Locale.ROOT))
                .collect(Collectors.joining("+"));
        return version + " " + backend + (features.isEmpty() ? "" : " " + features);
    }
}
