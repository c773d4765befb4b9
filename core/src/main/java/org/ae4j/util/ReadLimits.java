package org.ae4j.util;

import java.util.Locale;
import org.apiguardian.api.API;

/**
 * The most a file may make ae4j's readers allocate, checked before the allocation so that a hostile or damaged file —
 * a zip bomb, an image header declaring 100,000 × 100,000 pixels, a huge config — gets a clear error instead of
 * exhausting memory. Each limit has a safe default and a system property to raise it ({@code -Dae4j.limits.…=N}, or
 * {@code AE4J_JAVA_OPTS} for the {@code ae4j} command); the error names the property.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class ReadLimits {

    /** Property: the total uncompressed bytes of a model, checkpoint or index file (default 4 GiB). */
    public static final String ZIP_BYTES = "ae4j.limits.zipBytes";

    /** Property: the entries of a model, checkpoint or index file (default 10,000). */
    public static final String ZIP_ENTRIES = "ae4j.limits.zipEntries";

    /** Property: the pixels of one image, width × height (default 50,000,000). */
    public static final String IMAGE_PIXELS = "ae4j.limits.imagePixels";

    /** Property: the bytes of a JSON or YAML config file (default 1 MiB). */
    public static final String CONFIG_BYTES = "ae4j.limits.configBytes";

    private ReadLimits() {
    }

    /** A file or data set that would need more than a limit allows; the message names the limit's property. */
    public static final class Exceeded extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        public Exceeded(String message) {
            super(message);
        }
    }

    public static long zipBytes() {
        return positive(ZIP_BYTES, 4L << 30);
    }

    public static long zipEntries() {
        return positive(ZIP_ENTRIES, 10_000);
    }

    public static long imagePixels() {
        return positive(IMAGE_PIXELS, 50_000_000);
    }

    public static long configBytes() {
        return positive(CONFIG_BYTES, 1L << 20);
    }

    /**
     * Refuses an allocation of {@code bytes} that the JVM's heap cannot hold (its maximum less what is in use), before it
     * is tried.
     *
     * @param what names the data in the message
     * @throws Exceeded naming the size, the free heap and {@code -Xmx}
     */
    public static void requireHeapFor(long bytes, String what) {
        Runtime runtime = Runtime.getRuntime();
        long free = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
        if (bytes > free) {
            throw new Exceeded(String.format(Locale.ROOT, "%s needs %,d bytes of memory, but the JVM has %,d free "
                    + "(at most %,d): give it more with -Xmx (for the ae4j command: AE4J_JAVA_OPTS=-Xmx…)", what, bytes, free,
                    runtime.maxMemory()));
        }
    }

    /**
     * Refuses {@code value} above the limit {@code property} sets, naming both.
     *
     * @throws Exceeded when it is above
     */
    public static void require(long value, long limit, String property, String what) {
        if (value > limit) {
            throw new Exceeded(String.format(Locale.ROOT, "%s is %,d, more than the limit of %,d; if the file is "
                    + "trusted, raise it with -D%s=N", what, value, limit, property));
        }
    }

    private static long positive(String property, long fallback) {
        String text = System.getProperty(property);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        long value;
        try {
            value = Long.parseLong(text.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("system property " + property + " must be a positive whole number, got '" + text + "'", e);
        }
        if (value < 1) {
            throw new IllegalArgumentException("system property " + property + " must be a positive whole number, got '" + text + "'");
        }
        return value;
    }
}
