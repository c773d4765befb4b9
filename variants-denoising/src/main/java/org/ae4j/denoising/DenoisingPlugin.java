package org.ae4j.denoising;

import com.fasterxml.jackson.databind.jsontype.NamedType;
import org.ae4j.registry.Contributions;
import org.ae4j.registry.PluginModule;
import org.apiguardian.api.API;

/** Contributes the corruptions and the {@code denoising} variant. */
@API(status = API.Status.STABLE, since = "0.1")
public final class DenoisingPlugin extends PluginModule {

    public DenoisingPlugin() {
        super("ae4j-variants-denoising");
    }

    @Override
    protected void configure() {
        Contributions.variants(binder()).addBinding(DenoisingVariant.NAME).toInstance(new DenoisingVariant());
        var corruptions = Contributions.corruptions(binder());
        corruptions.addBinding(GaussianNoise.TYPE).toInstance(GaussianNoise.defaults());
        corruptions.addBinding(MaskingNoise.TYPE).toInstance(MaskingNoise.defaults());
        corruptions.addBinding(SaltAndPepper.TYPE).toInstance(SaltAndPepper.defaults());
        corruptions.addBinding(Grayscale.TYPE).toInstance(Grayscale.defaults());
        corruptions.addBinding(Occlusion.TYPE).toInstance(Occlusion.defaults());
        var types = Contributions.specTypes(binder());
        types.addBinding().toInstance(new NamedType(GaussianNoise.class, GaussianNoise.TYPE));
        types.addBinding().toInstance(new NamedType(MaskingNoise.class, MaskingNoise.TYPE));
        types.addBinding().toInstance(new NamedType(SaltAndPepper.class, SaltAndPepper.TYPE));
        types.addBinding().toInstance(new NamedType(Grayscale.class, Grayscale.TYPE));
        types.addBinding().toInstance(new NamedType(Occlusion.class, Occlusion.TYPE));
    }
}
