package org.ae4j.registry;

import com.google.inject.AbstractModule;
import java.util.Objects;
import org.ae4j.spi.Ae4jPlugin;
import org.apiguardian.api.API;

/**
 * A convenient base for plug-ins: a Guice module with a name, equal to every other instance of its class
 * so that installing it twice (e.g. found twice on the class path) is a no-op rather than a conflict.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public abstract class PluginModule extends AbstractModule implements Ae4jPlugin {

    private final String pluginName;

    protected PluginModule(String pluginName) {
        this.pluginName = Objects.requireNonNull(pluginName, "pluginName");
    }

    @Override
    public final String pluginName() {
        return pluginName;
    }

    @Override
    public final boolean equals(Object other) {
        return other != null && other.getClass() == getClass();
    }

    @Override
    public final int hashCode() {
        return getClass().hashCode();
    }
}
