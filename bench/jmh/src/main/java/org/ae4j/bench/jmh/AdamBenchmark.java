package org.ae4j.bench.jmh;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ae4j.Ae4j;
import org.ae4j.model.Autoencoder;
import org.ae4j.optim.AdamSpec;
import org.ae4j.registry.Registry;
import org.ae4j.spi.BuildContext;
import org.ae4j.spi.Optimizer;
import org.ae4j.spi.Parameter;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One Adam step over the vanilla model's 222k parameters: {@code block} updates the packed
 * parameter block in one pass; {@code perParameter} gives the same parameters one by one, which
 * runs ND4J's fused {@code adam_updater} op per parameter (the path before the block existed).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AdamBenchmark {

    @Param({"block", "perParameter"})
    public String layout;

    private Optimizer adam;
    private List<Parameter> parameters;

    @Setup(Level.Trial)
    public void setUp() {
        Registry registry = Ae4j.registry();
        Autoencoder model = registry.variant("vanilla").build(784, BuildContext.of(registry, 1));
        List<Parameter> packed = model.parameters();
        // fresh, unpacked parameters with the same values: the optimizer then works parameter by parameter
        parameters = layout.equals("block") ? packed
                : packed.stream().map(p -> new Parameter(p.name(), p.kind(), p.value().dup())).toList();
        parameters.forEach(p -> p.gradient().assign(Nd4j.randn(p.value().dataType(), p.value().shape()).muli(1e-3)));
        adam = new AdamSpec(1e-3, 0.9, 0.999, 1e-8).create(org.ae4j.kernel.KernelSelection.best());
    }

    @Benchmark
    public long step() {
        adam.step(parameters);
        return adam.iterations();
    }
}
