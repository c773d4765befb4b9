package org.ae4j.sparse;

import com.fasterxml.jackson.databind.jsontype.NamedType;
import org.ae4j.registry.Contributions;
import org.ae4j.registry.PluginModule;
import org.apiguardian.api.API;

/** Contributes the sparsity penalties and the {@code sparse} variant. */
@API(status = API.Status.STABLE, since = "0.1")
public final class SparsePlugin extends PluginModule {

    public SparsePlugin() {
        super("ae4j-variants-sparse");
    }

    @Override
    protected void configure() {
        Contributions.variants(binder()).addBinding(SparseVariant.NAME).toInstance(new SparseVariant());
        Contributions.regularizers(binder()).addBinding(KlSparsitySpec.TYPE).toInstance(KlSparsitySpec.defaults());
        Contributions.regularizers(binder()).addBinding(L1ActivitySpec.TYPE).toInstance(L1ActivitySpec.defaults());
        Contributions.specTypes(binder()).addBinding().toInstance(new NamedType(KlSparsitySpec.class, KlSparsitySpec.TYPE));
        Contributions.specTypes(binder()).addBinding().toInstance(new NamedType(L1ActivitySpec.class, L1ActivitySpec.TYPE));
    }
}
