package org.ae4j.cli;

import org.apiguardian.api.API;
/** The {@code ae4j} command's entry point: the only place that exits the JVM. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Main {

    private Main() {
    }

    /**
     * JavaCPP reads the process's resident size from {@code /proc} on every native allocation when
     * {@code maxPhysicalBytes} is set, and ND4J makes one per array it creates (its shape): ~5% of a
     * training step. ae4j bounds its native memory with workspaces instead, so the check is off unless
     * the user sets the property.
     */
    static final String PHYSICAL_BYTES_CHECK = "org.bytedeco.javacpp.maxPhysicalBytes";

    public static void main(String[] args) {
        if (System.getProperty(PHYSICAL_BYTES_CHECK) == null) {
            System.setProperty(PHYSICAL_BYTES_CHECK, "0");
        }
        System.exit(new Cli(System.out, System.err).run(args));
    }
}
