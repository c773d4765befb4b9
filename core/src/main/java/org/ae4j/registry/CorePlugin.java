package org.ae4j.registry;

import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.ProvidesIntoMap;
import com.google.inject.multibindings.StringMapKey;
import org.ae4j.loss.BinaryCrossEntropy;
import org.ae4j.loss.MaskedMeanSquaredError;
import org.ae4j.loss.MeanSquaredError;
import org.ae4j.nn.DenseSpec;
import org.ae4j.nn.FanInit;
import org.ae4j.nn.Identity;
import org.ae4j.nn.IdentityBottleneckSpec;
import org.ae4j.nn.LeakyRelu;
import org.ae4j.nn.Relu;
import org.ae4j.nn.Sigmoid;
import org.ae4j.nn.Softplus;
import org.ae4j.nn.Tanh;
import org.ae4j.optim.AdamSpec;
import org.ae4j.optim.RmsPropSpec;
import org.ae4j.optim.SgdSpec;
import org.ae4j.regularize.WeightDecaySpec;
import org.ae4j.spi.Activation;
import org.ae4j.spi.Initializer;
import org.ae4j.spi.Kernels;
import org.ae4j.spi.Loss;
import org.apiguardian.api.API;

/** Core's own components, registered exactly as a third-party plug-in would register its own. */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class CorePlugin extends PluginModule {

    public CorePlugin() {
        super("ae4j-core");
    }

    @Override
    protected void configure() {
        MapBinder<String, Activation> activations = Contributions.activations(binder());
        activations.addBinding(Identity.NAME).toInstance(new Identity());
        activations.addBinding(Relu.NAME).toInstance(new Relu());
        activations.addBinding(LeakyRelu.NAME).toInstance(new LeakyRelu());
        activations.addBinding(Sigmoid.NAME).toInstance(new Sigmoid());
        activations.addBinding(Tanh.NAME).toInstance(new Tanh());
        activations.addBinding(Softplus.NAME).toInstance(new Softplus());

        Contributions.losses(binder()).addBinding(BinaryCrossEntropy.NAME).toInstance(new BinaryCrossEntropy());

        MapBinder<String, Initializer> initializers = Contributions.initializers(binder());
        for (FanInit init : new FanInit[] {FanInit.XAVIER_UNIFORM, FanInit.XAVIER_NORMAL, FanInit.HE_UNIFORM,
                FanInit.HE_NORMAL}) {
            initializers.addBinding(init.name()).toInstance(init);
        }

        Contributions.optimizer(binder(), AdamSpec.defaults());
        Contributions.optimizer(binder(), SgdSpec.defaults());
        Contributions.optimizer(binder(), RmsPropSpec.defaults());
        Contributions.regularizer(binder(), WeightDecaySpec.defaults());
        Contributions.corruption(binder(), org.ae4j.data.table.CellMasking.defaults());
        Contributions.bottleneck(binder(), new IdentityBottleneckSpec());
        Contributions.specType(binder(), DenseSpec.TYPE, DenseSpec.class);
    }

    /** The squared error computes with the registry's kernels. */
    @ProvidesIntoMap
    @StringMapKey(MeanSquaredError.NAME)
    Loss meanSquaredError(Kernels kernels) {
        return new MeanSquaredError(kernels);
    }

    /** The masked squared error (tables with missing cells) computes with the registry's kernels. */
    @ProvidesIntoMap
    @StringMapKey(MaskedMeanSquaredError.NAME)
    Loss maskedMeanSquaredError(Kernels kernels) {
        return new MaskedMeanSquaredError(kernels);
    }
}
