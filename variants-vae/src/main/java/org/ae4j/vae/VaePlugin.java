package org.ae4j.vae;

import com.fasterxml.jackson.databind.jsontype.NamedType;
import org.ae4j.registry.Contributions;
import org.ae4j.registry.PluginModule;
import org.apiguardian.api.API;

/** Contributes the {@code vae} variant and its likelihoods. */
@API(status = API.Status.STABLE, since = "0.1")
public final class VaePlugin extends PluginModule {

    public VaePlugin() {
        super("ae4j-variants-vae");
    }

    @Override
    protected void configure() {
        Contributions.variants(binder()).addBinding(VaeVariant.NAME).toInstance(new VaeVariant());
        Contributions.specTypes(binder()).addBinding().toInstance(new NamedType(BernoulliSpec.class, BernoulliSpec.TYPE));
        Contributions.specTypes(binder()).addBinding().toInstance(new NamedType(GaussianSpec.class, GaussianSpec.TYPE));
    }
}
