package org.ae4j.conv;

import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.google.inject.AbstractModule;
import org.ae4j.registry.Contributions;
import org.ae4j.spi.Ae4jPlugin;
import org.apiguardian.api.API;

/** Contributes the convolutional layers and the {@code conv} variant. */
@API(status = API.Status.STABLE, since = "0.1")
public final class ConvPlugin extends AbstractModule implements Ae4jPlugin {

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

    @Override
    public String pluginName() {
        return "ae4j-variants-conv";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConvPlugin;
    }

    @Override
    public int hashCode() {
        return ConvPlugin.class.hashCode();
    }
}
