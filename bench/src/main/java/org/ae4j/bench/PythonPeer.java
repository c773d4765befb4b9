package org.ae4j.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Runs a peer script of {@code bench/reference/} and collects its standard output, line by line. */
final class PythonPeer {

    private PythonPeer() {
    }

    /**
     * @param python a Python 3 with the script's libraries
     * @param script the script
     * @param log    sees every line, prefixed with {@code tag}
     * @throws IllegalStateException if the script exits with an error
     */
    static List<String> run(String python, Path script, List<String> arguments, Consumer<String> log, String tag)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(python, script.toString()));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                log.accept(tag + " (python): " + line);
                lines.add(line);
            }
        }
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed with exit code " + process.exitValue());
        }
        return lines;
    }
}
