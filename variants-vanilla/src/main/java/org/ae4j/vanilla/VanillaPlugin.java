package org.ae4j.vanilla;

import org.ae4j.registry.Contributions;
import org.ae4j.registry.PluginModule;
import org.apiguardian.api.API;

/** Contributes the {@code vanilla} variant. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class VanillaPlugin extends PluginModule {

    public VanillaPlugin() {
        super("ae4j-variants-vanilla");
    }

    @Override
    protected void configure() {
        Contributions.variant(binder(), new VanillaVariant());
    }
}
