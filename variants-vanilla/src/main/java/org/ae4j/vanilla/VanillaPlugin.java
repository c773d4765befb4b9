package org.ae4j.vanilla;

import com.google.inject.AbstractModule;
import org.ae4j.registry.Contributions;
import org.ae4j.spi.Ae4jPlugin;
import org.apiguardian.api.API;

/** Contributes the {@code vanilla} variant. */
@API(status = API.Status.STABLE, since = "0.1")
public final class VanillaPlugin extends AbstractModule implements Ae4jPlugin {

    @Override
    protected void configure() {
        Contributions.variants(binder()).addBinding(VanillaVariant.NAME).toInstance(new VanillaVariant());
    }

    @Override
    public String pluginName() {
        return "ae4j-variants-vanilla";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof VanillaPlugin;
    }

    @Override
    public int hashCode() {
        return VanillaPlugin.class.hashCode();
    }
}
