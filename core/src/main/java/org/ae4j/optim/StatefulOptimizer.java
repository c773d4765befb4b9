package org.ae4j.optim;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.ae4j.spi.Optimizer;
import org.ae4j.spi.OptimizerState;
import org.ae4j.spi.Parameter;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Shared bookkeeping of the built-in optimizers: per-parameter state arrays created on first use
 * (zero-filled, same shape and type as the parameter) and the step counter.
 */
abstract class StatefulOptimizer implements Optimizer {

    private final Map<Parameter, INDArray[]> state = new IdentityHashMap<>();
    private final int stateArrays;
    private long iterations;

    StatefulOptimizer(int stateArrays) {
        this.stateArrays = stateArrays;
    }

    @Override
    public final void step(List<Parameter> parameters) {
        for (Parameter p : parameters) {
            INDArray[] s = state.computeIfAbsent(p, this::newState);
            update(p, s, iterations);
        }
        iterations++;
    }

    @Override
    public final long iterations() {
        return iterations;
    }

    @Override
    public final OptimizerState state(List<Parameter> parameters) {
        List<INDArray> arrays = new ArrayList<>();
        for (Parameter p : parameters) {
            for (INDArray a : state.computeIfAbsent(p, this::newState)) {
                arrays.add(a.dup());
            }
        }
        return new OptimizerState(iterations, arrays);
    }

    @Override
    public final void restore(OptimizerState saved, List<Parameter> parameters) {
        if (saved.arrays().size() != parameters.size() * stateArrays) {
            throw new IllegalArgumentException("optimizer state has " + saved.arrays().size() + " arrays, expected "
                    + stateArrays + " for each of " + parameters.size() + " parameters");
        }
        int i = 0;
        for (Parameter p : parameters) {
            INDArray[] arrays = state.computeIfAbsent(p, this::newState);
            for (INDArray a : arrays) {
                INDArray source = saved.arrays().get(i++);
                if (!java.util.Arrays.equals(source.shape(), a.shape())) {
                    throw new IllegalArgumentException("optimizer state for " + p.name() + " has shape "
                            + java.util.Arrays.toString(source.shape()) + ", expected " + java.util.Arrays.toString(a.shape()));
                }
                a.assign(source);
            }
        }
        iterations = saved.iterations();
    }

    /**
     * Updates {@code p.value()} in place from {@code p.gradient()}, which it may overwrite.
     *
     * @param iteration the 0-based index of this step
     */
    abstract void update(Parameter p, INDArray[] state, long iteration);

    private INDArray[] newState(Parameter p) {
        INDArray[] arrays = new INDArray[stateArrays];
        for (int i = 0; i < stateArrays; i++) {
            arrays[i] = Nd4j.zeros(p.value().dataType(), p.value().shape());
        }
        return arrays;
    }
}
