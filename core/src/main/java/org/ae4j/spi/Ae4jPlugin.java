package org.ae4j.spi;

import com.google.inject.Module;
import org.apiguardian.api.API;

/**
 * A plug-in: a Guice module, listed in {@code META-INF/services/org.ae4j.spi.Ae4jPlugin}, that
 * contributes named components through the map binders of {@link org.ae4j.registry.Contributions}.
 *
 * <p>A plug-in's {@code configure()} only declares bindings: it must be cheap and free of side
 * effects (no ND4J work). Two plug-ins that bind the same name of the same kind make registry
 * creation fail with a message naming both.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface Ae4jPlugin extends Module {

    /** A short human-readable name for listings; the class name by default. */
    default String pluginName() {
        return getClass().getName();
    }

    /** The plug-in's version, recorded in saved models: by default its jar's {@code Implementation-Version}. */
    default java.util.Optional<String> pluginVersion() {
        return java.util.Optional.ofNullable(getClass().getPackage().getImplementationVersion());
    }
}
