package org.ae4j.conv;

import org.ae4j.registry.Contributions;
import org.ae4j.registry.PluginModule;
import org.apiguardian.api.API;

/** Contributes the convolutional layers and the {@code conv} variant. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ConvPlugin extends PluginModule {

    public ConvPlugin() {
        super("ae4j-variants-conv");
    }

    @Override
    protected void configure() {
        Contributions.variant(binder(), new ConvVariant());
        Contributions.specType(binder(), Conv2dSpec.TYPE, Conv2dSpec.class);
        Contributions.specType(binder(), ConvTranspose2dSpec.TYPE, ConvTranspose2dSpec.class);
        Contributions.specType(binder(), MaxPool2dSpec.TYPE, MaxPool2dSpec.class);
        Contributions.specType(binder(), Upsample2dSpec.TYPE, Upsample2dSpec.class);
        Contributions.specType(binder(), ReshapeSpec.TYPE, ReshapeSpec.class);
        Contributions.specType(binder(), FlattenSpec.TYPE, FlattenSpec.class);
    }
}
