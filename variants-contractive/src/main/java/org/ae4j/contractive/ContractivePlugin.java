package org.ae4j.contractive;

import com.fasterxml.jackson.databind.jsontype.NamedType;
import org.ae4j.registry.Contributions;
import org.ae4j.registry.PluginModule;
import org.apiguardian.api.API;

/** Contributes the contractive penalty and the {@code contractive} variant. */
@API(status = API.Status.STABLE, since = "0.1")
public final class ContractivePlugin extends PluginModule {

    public ContractivePlugin() {
        super("ae4j-variants-contractive");
    }

    @Override
    protected void configure() {
        Contributions.variants(binder()).addBinding(ContractiveVariant.NAME).toInstance(new ContractiveVariant());
        Contributions.regularizers(binder()).addBinding(ContractiveSpec.TYPE).toInstance(ContractiveSpec.defaults());
        Contributions.specTypes(binder()).addBinding().toInstance(new NamedType(ContractiveSpec.class, ContractiveSpec.TYPE));
    }
}
