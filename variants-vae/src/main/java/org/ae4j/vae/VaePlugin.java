package org.ae4j.vae;

import org.ae4j.registry.Contributions;
import org.ae4j.registry.PluginModule;
import org.apiguardian.api.API;

/** Contributes the {@code vae} variant and its likelihoods. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class VaePlugin extends PluginModule {

    public VaePlugin() {
        super("ae4j-variants-vae");
    }

    @Override
    protected void configure() {
        Contributions.variant(binder(), new VaeVariant());
        Contributions.specType(binder(), BernoulliSpec.TYPE, new BernoulliSpec());
        Contributions.specType(binder(), GaussianSpec.TYPE, GaussianSpec.defaults());
    }
}
