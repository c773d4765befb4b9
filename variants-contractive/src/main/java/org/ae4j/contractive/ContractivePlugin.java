package org.ae4j.contractive;

import org.ae4j.registry.Contributions;
import org.ae4j.registry.PluginModule;
import org.apiguardian.api.API;

/** Contributes the contractive penalty and the {@code contractive} variant. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ContractivePlugin extends PluginModule {

    public ContractivePlugin() {
        super("ae4j-variants-contractive");
    }

    @Override
    protected void configure() {
        Contributions.variant(binder(), new ContractiveVariant());
        Contributions.regularizer(binder(), ContractiveSpec.defaults());
    }
}
