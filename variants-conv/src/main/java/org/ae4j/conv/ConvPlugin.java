package org.ae4j.conv;

import com.fasterxml.jackson.databind.jsontype.NamedType;
import org.ae4j.registry.Contributions;
import org.ae4j.registry.PluginModule;
import org.apiguardian.api.API;

/** Contributes the convolutional layers and the {@code conv} variant. */
@API(status = API.Status.STABLE, since = "0.1")
public final class ConvPlugin extends PluginModule {

    public ConvPlugin() {
        super("ae4j-variants-conv");
    }

    @Override
    protected void configure() {
        Contributions.variants(binder()).addBinding(ConvVariant.NAME).toInstance(new ConvVariant());
        var types = Contributions.specTypes(binder());
        types.addBinding().toInstance(new NamedType(Conv2dSpec.class, Conv2dSpec.TYPE));
        types.addBinding().toInstance(new NamedType(ConvTranspose2dSpec.class, ConvTranspose2dSpec.TYPE));
        types.addBinding().toInstance(new NamedType(MaxPool2dSpec.class, MaxPool2dSpec.TYPE));
        types.addBinding().toInstance(new NamedType(Upsample2dSpec.class, Upsample2dSpec.TYPE));
        types.addBinding().toInstance(new NamedType(ReshapeSpec.class, ReshapeSpec.TYPE));
        types.addBinding().toInstance(new NamedType(FlattenSpec.class, FlattenSpec.TYPE));
    }
}
