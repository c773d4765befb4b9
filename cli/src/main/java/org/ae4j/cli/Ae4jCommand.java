package org.ae4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.ae4j.Ae4j;
import org.ae4j.data.FashionMnist;
import org.ae4j.registry.Registry;
import org.ae4j.spi.Ae4jPlugin;
import org.ae4j.train.TrainingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code ae4j} command and the options and services its subcommands share. */
@Command(name = "ae4j", mixinStandardHelpOptions = true, versionProvider = Ae4jCommand.Version.class,
        description = "Train, evaluate and use autoencoders.",
        subcommands = {VariantsCommand.class, TrainCommand.class, EvaluateCommand.class, EncodeCommand.class,
                ReconstructCommand.class, ScoreCommand.class, ImputeCommand.class, DenoiseCommand.class,
                GenerateCommand.class, InterpolateCommand.class, IndexCommand.class, SearchCommand.class, ExportCommand.class,
                BenchCommand.class})
final class Ae4jCommand implements Runnable {

    @Option(names = "--json", scope = ScopeType.INHERIT,
            description = "Print one JSON object with the results as the last line of output.")
    boolean json;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT, description = "Log more, and show stack traces of errors.")
    boolean verbose;

    @Option(names = "--plugins", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Also load plug-ins from the jars in DIR.")
    Path plugins;

    final PrintStream out;
    final PrintStream err;
    final List<TrainingListener> extraListeners;
    private List<Ae4jPlugin> loadedPlugins;
    private Registry registry;

    Ae4jCommand(PrintStream out, PrintStream err, List<TrainingListener> extraListeners) {
        this.out = out;
        this.err = err;
        this.extraListeners = extraListeners;
    }

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "a subcommand is required");
    }

    /** The class loader plug-ins are discovered in: ae4j's own, plus the jars of {@code --plugins}. */
    ClassLoader pluginLoader() throws IOException {
        ClassLoader own = Ae4jCommand.class.getClassLoader();
        if (plugins == null) {
            return own;
        }
        if (!Files.isDirectory(plugins)) {
            throw new IOException("plug-in directory " + plugins + " does not exist");
        }
        List<URL> jars = new ArrayList<>();
        try (Stream<Path> files = Files.list(plugins)) {
            for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                try {
                    jars.add(jar.toUri().toURL());
                } catch (MalformedURLException e) {
                    throw new IOException("cannot load plug-in " + jar + ": " + e.getMessage(), e);
                }
            }
        }
        return new URLClassLoader(jars.toArray(URL[]::new), own);
    }

    List<Ae4jPlugin> plugins() throws IOException {
        if (loadedPlugins == null) {
            loadedPlugins = Ae4j.plugins(pluginLoader());
        }
        return loadedPlugins;
    }

    Registry registry() throws IOException {
        if (registry == null) {
            registry = Registry.of(plugins());
        }
        return registry;
    }

    /** Fashion-MNIST from {@code dir}, or the embedded sample when {@code dir} is null. */
    FashionMnist.Splits data(Path dir) throws IOException {
        return dir == null ? FashionMnist.sample() : FashionMnist.load(dir);
    }

    /** Prints a line for people (before the JSON line, when there is one). */
    void say(String line) {
        out.println(line);
    }

    /** With {@code --json}, prints {@code fields} as one JSON object on one line. */
    void result(Map<String, Object> fields) {
        if (!json) {
            return;
        }
        try {
            out.println(new ObjectMapper().writeValueAsString(fields));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON result", e);
        }
    }

    /** JSON has no NaN: absent values are null. */
    static Object number(double value) {
        return Double.isFinite(value) ? value : null;
    }

    static final class Version implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"ae4j " + Ae4j.version()};
        }
    }
}
