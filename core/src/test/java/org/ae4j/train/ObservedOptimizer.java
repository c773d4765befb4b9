package org.ae4j.train;

import java.util.List;
import java.util.function.Consumer;
import org.ae4j.spi.Optimizer;
import org.ae4j.spi.OptimizerState;
import org.ae4j.spi.Parameter;

/** Wraps an optimizer to observe the parameters just before and after each step. */
final class ObservedOptimizer implements Optimizer {

    private final Optimizer delegate;
    private final Consumer<List<Parameter>> before;
    private final Consumer<List<Parameter>> after;

    ObservedOptimizer(Optimizer delegate, Consumer<List<Parameter>> before, Consumer<List<Parameter>> after) {
        this.delegate = delegate;
        this.before = before;
        this.after = after;
    }

    @Override
    public void step(List<Parameter> parameters) {
        before.accept(parameters);
        delegate.step(parameters);
        after.accept(parameters);
    }

    @Override
    public long iterations() {
        return delegate.iterations();
    }

    @Override
    public OptimizerState state(List<Parameter> parameters) {
        return delegate.state(parameters);
    }

    @Override
    public void restore(OptimizerState state, List<Parameter> parameters) {
        delegate.restore(state, parameters);
    }
}
