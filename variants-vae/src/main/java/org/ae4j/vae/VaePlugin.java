package org.ae4j.vae;

import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.google.inject.AbstractModule;
import org.ae4j.registry.Contributions;
import org.ae4j.spi.Ae4jPlugin;
import org.apiguardian.api.API;

/** Contributes the {@code vae} variant and its likelihoods. */
@API(status = API.Status.STABLE, since = "0.1")
public final class VaePlugin extends AbstractModule implements Ae4jPlugin {

    @Override
    protected void configure() {
        Contributions.variants(binder()).addBinding(VaeVariant.NAME).toInstance(new VaeVariant());
        Contributions.specTypes(binder()).addBinding().toInstance(new NamedType(BernoulliSpec.class, BernoulliSpec.TYPE));
        Contributions.specTypes(binder()).addBinding().toInstance(new NamedType(GaussianSpec.class, GaussianSpec.TYPE));
    }

    @Override
    public String pluginName() {
        return "ae4j-variants-vae";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof VaePlugin;
    }

    @Override
    public int hashCode() {
        return VaePlugin.class.hashCode();
    }
}
