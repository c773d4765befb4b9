package org.ae4j.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import org.ae4j.train.DivergenceException;
import org.ae4j.train.TrainingListener;
import org.apiguardian.api.API;
import picocli.CommandLine;

/**
 * Runs one {@code ae4j} invocation and returns its exit code: 0 on success, 2 on bad usage or bad
 * input (one line on stderr, a stack trace only with {@code --verbose}), 1 on an internal error.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Cli {

    static final int OK = 0;
    static final int INTERNAL_ERROR = 1;
    static final int BAD_INPUT = 2;

    private final PrintStream out;
    private final PrintStream err;
    private final List<TrainingListener> extraListeners;

    public Cli(PrintStream out, PrintStream err) {
        this(out, err, List.of());
    }

    /** With extra training listeners attached to {@code train} runs (for tests and embedding hosts). */
    public Cli(PrintStream out, PrintStream err, List<TrainingListener> extraListeners) {
        this.out = out;
        this.err = err;
        this.extraListeners = List.copyOf(extraListeners);
    }

    public int run(String... args) {
        boolean verbose = Arrays.asList(args).contains("--verbose") || Arrays.asList(args).contains("-v");
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
        }
        Ae4jCommand root = new Ae4jCommand(out, err, extraListeners);
        CommandLine commandLine = new CommandLine(root).setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setOut(new java.io.PrintWriter(out, true));
        commandLine.setErr(new java.io.PrintWriter(err, true));
        commandLine.setParameterExceptionHandler((e, arguments) -> {
            String command = e.getCommandLine().getCommandName();
            String qualified = e.getCommandLine().getParent() == null ? "ae4j" : "ae4j " + command;
            err.println(qualified + ": " + e.getMessage() + " (see '" + qualified + " --help')");
            return BAD_INPUT;
        });
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            boolean bad = isBadInput(e);
            err.println("ae4j " + cmd.getCommandName() + ": " + (bad ? "" : "internal error: ") + message(e));
            if (verbose || !bad) {
                e.printStackTrace(err);
            }
            return bad ? BAD_INPUT : INTERNAL_ERROR;
        });
        return commandLine.execute(args);
    }

    private static boolean isBadInput(Throwable e) {
        return e instanceof IllegalArgumentException || e instanceof IOException || e instanceof UncheckedIOException
                || e instanceof DivergenceException;
    }

    private static String message(Throwable e) {
        Throwable shown = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        String message = shown.getMessage() == null ? shown.getClass().getSimpleName() : shown.getMessage();
        if (shown instanceof java.nio.file.NoSuchFileException) {
            message = "no such file: " + message;
        }
        return message.lines().findFirst().orElse(message);
    }
}
