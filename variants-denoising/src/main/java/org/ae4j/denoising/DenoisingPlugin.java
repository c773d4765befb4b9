package org.ae4j.denoising;

import org.ae4j.registry.Contributions;
import org.ae4j.registry.PluginModule;
import org.apiguardian.api.API;

/** Contributes the corruptions and the {@code denoising} variant. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class DenoisingPlugin extends PluginModule {

    public DenoisingPlugin() {
        super("ae4j-variants-denoising");
    }

    @Override
    protected void configure() {
        Contributions.variant(binder(), new DenoisingVariant());
        Contributions.corruption(binder(), GaussianNoise.defaults());
        Contributions.corruption(binder(), MaskingNoise.defaults());
        Contributions.corruption(binder(), SaltAndPepper.defaults());
        Contributions.corruption(binder(), Grayscale.defaults());
        Contributions.corruption(binder(), Occlusion.defaults());
    }
}
