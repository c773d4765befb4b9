package org.ae4j.sparse;

import org.ae4j.registry.Contributions;
import org.ae4j.registry.PluginModule;
import org.apiguardian.api.API;

/** Contributes the sparsity penalties and the {@code sparse} variant. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class SparsePlugin extends PluginModule {

    public SparsePlugin() {
        super("ae4j-variants-sparse");
    }

    @Override
    protected void configure() {
        Contributions.variant(binder(), new SparseVariant());
        Contributions.regularizer(binder(), KlSparsitySpec.defaults());
        Contributions.regularizer(binder(), L1ActivitySpec.defaults());
    }
}
