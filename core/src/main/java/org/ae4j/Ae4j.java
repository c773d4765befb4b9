package org.ae4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import org.ae4j.registry.Registry;
import org.ae4j.spi.Ae4jPlugin;
import org.apiguardian.api.API;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Entry point: discovers plug-ins with {@link ServiceLoader} and builds the {@link Registry}. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Ae4j {

    private static final Logger LOG = LoggerFactory.getLogger(Ae4j.class);

    private Ae4j() {
    }

    /** This library's version, e.g. {@code 0.1.0}. */
    public static String version() {
        try (java.io.InputStream in = Ae4j.class.getResourceAsStream("version.properties")) {
            java.util.Properties p = new java.util.Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    /** The registry of every plug-in visible to ae4j's own class loader. */
    public static Registry registry() {
        return registry(Ae4j.class.getClassLoader());
    }

    /**
     * The registry of every plug-in that {@code loader} can see, e.g. a {@code URLClassLoader} over a
     * plug-in directory whose parent sees ae4j-core.
     */
    public static Registry registry(ClassLoader loader) {
        return Registry.of(plugins(loader));
    }

    /** Every plug-in that {@code loader} can see, in discovery order. */
    public static List<Ae4jPlugin> plugins(ClassLoader loader) {
        Objects.requireNonNull(loader, "loader");
        List<Ae4jPlugin> plugins = new ArrayList<>();
        for (Ae4jPlugin plugin : ServiceLoader.load(Ae4jPlugin.class, loader)) {
            LOG.debug("found plug-in {} ({}) in {}", plugin.pluginName(), plugin.getClass().getName(),
                    plugin.getClass().getProtectionDomain().getCodeSource());
            plugins.add(plugin);
        }
        return plugins;
    }
}
