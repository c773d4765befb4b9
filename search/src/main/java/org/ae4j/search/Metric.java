package org.ae4j.search;

import java.util.Arrays;
import java.util.Locale;
import org.apiguardian.api.API;

/** How far apart two codes are. */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public enum Metric {

    /** {@code 1 − cos(a, b)}, in [0, 2]; a zero code is at distance 1 from every code. */
    COSINE,

    /** The Euclidean distance {@code ‖a − b‖}. */
    L2;

    /** The metric named {@code name} ({@code cosine} or {@code l2}, any case). */
    public static Metric parse(String name) {
        for (Metric m : values()) {
            if (m.name().equalsIgnoreCase(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown metric '" + name + "'; known: "
                + Arrays.stream(values()).map(Metric::label).toList());
    }

    /** The lower-case name used in files and on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
