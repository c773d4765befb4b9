package org.ae4j.cli;

/** The {@code ae4j} command's entry point: the only place that exits the JVM. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(new Cli(System.out, System.err).run(args));
    }
}
