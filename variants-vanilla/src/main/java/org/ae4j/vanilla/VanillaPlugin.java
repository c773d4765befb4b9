package org.ae4j.vanilla;

import org.ae4j.registry.Contributions;
import org.ae4j.registry.PluginModule;
import org.apiguardian.api.API;

/** Contributes the {@code vanilla} variant. */
@API(status = API.Status.STABLE, since = "0.1")
public final class VanillaPlugin extends PluginModule {

    public VanillaPlugin() {
        super("ae4j-variants-vanilla");
    }

    @Override
    protected void configure() {
        Contributions.variants(binder()).addBinding(VanillaVariant.NAME).toInstance(new VanillaVariant());
    }
}
