package org.ae4j.examples.layer;

import org.ae4j.registry.Contributions;
import org.ae4j.registry.PluginModule;

/** Registers the {@code affine} layer type, so that any config's layer list can name it. */
public final class AffinePlugin extends PluginModule {

    public AffinePlugin() {
        super("example-affine-layer");
    }

    @Override
    protected void configure() {
        Contributions.specType(binder(), AffineSpec.TYPE, AffineSpec.class);
    }
}
