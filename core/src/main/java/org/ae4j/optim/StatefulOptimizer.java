package org.ae4j.optim;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.ae4j.spi.ElementwiseOptimizer;
import org.ae4j.spi.OptimizerState;
import org.ae4j.spi.Parameter;
import org.ae4j.spi.ParameterBlock;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Shared bookkeeping of the built-in optimizers: per-parameter state arrays created on first use
 * (zero-filled, same shape and type as the parameter, outside any workspace) and the step counter.
 * When the parameters form a {@link ParameterBlock}, the state is flat too and each step is one
 * update of the whole block rather than one per parameter — or, for data-parallel lanes, one update per lane of its
 * range of the block ({@link ElementwiseOptimizer}: every built-in update is elementwise).
 */
abstract class StatefulOptimizer implements ElementwiseOptimizer {

    private final Map<Parameter, INDArray[]> state = new IdentityHashMap<>();
    private final int stateArrays;
    private long iterations;
    private double learningRateFactor = 1;
    private List<Parameter> planned;
    private Flat flat;
    /** Views of the ranges {@link #stepRange} was asked for, by {@code [from, to]}: made once, not per step. */
    private final Map<List<Long>, Flat> ranges = new java.util.concurrent.ConcurrentHashMap<>();

    /** The whole block's (or a range's) values, gradients and state arrays. */
    private record Flat(INDArray values, INDArray gradients, INDArray[] state) {

        /** Views of {@code [from, to)} of every array. */
        Flat range(long from, long to) {
            INDArrayIndex range = NDArrayIndex.interval(from, to);
            INDArray[] parts = new INDArray[state.length];
            for (int k = 0; k < state.length; k++) {
                parts[k] = state[k].get(range);
            }
            return new Flat(values.get(range), gradients.get(range), parts);
        }
    }

    StatefulOptimizer(int stateArrays) {
        this.stateArrays = stateArrays;
    }

    @Override
    public final void step(List<Parameter> parameters) {
        Flat whole = flatFor(parameters);
        if (whole != null) {
            parameters.forEach(Parameter::settleGradient);  // the flat buffer must hold the zeros of a gradient no pass used
            update(whole.values(), whole.gradients(), whole.state(), iterations);
        } else {
            for (Parameter p : parameters) {
                update(p.value(), p.gradient(), state.computeIfAbsent(p, this::newState), iterations);
            }
        }
        iterations++;
    }

    @Override
    public final boolean prepareRanges(List<Parameter> parameters) {
        return flatFor(parameters) != null;
    }

    /** The prepared block's values, gradients and state over {@code [from, to)}, updated as one whole step would. */
    @Override
    public final void stepRange(long from, long to) {
        Flat part = range(from, to);
        update(part.values(), part.gradients(), part.state(), iterations);
    }

    @Override
    public final boolean stepRangeOfSum(long from, long to, double a, INDArray other, double b) {
        if (other.length() != to - from) {
            throw new IllegalArgumentException("the other gradients over [" + from + ", " + to + ") need " + (to - from)
                    + " values, got " + other.length());
        }
        Flat part = range(from, to);
        return updateOfSum(part.values(), part.gradients(), a, other, b, part.state(), iterations);
    }

    /** The prepared block's views over {@code [from, to)}: a lane's range, asked for every step, made once. */
    private Flat range(long from, long to) {
        Flat whole = flat;
        if (whole == null) {
            throw new IllegalStateException("prepareRanges found no parameter block to update in ranges");
        }
        return ranges.computeIfAbsent(List.of(from, to), r -> whole.range(from, to));
    }

    @Override
    public final void endStep() {
        iterations++;
    }

    /** The flat view of {@code parameters} when they form a block; made once per list. */
    private Flat flatFor(List<Parameter> parameters) {
        if (parameters == planned) {
            return flat;
        }
        planned = parameters;
        flat = null;
        ranges.clear();
        ParameterBlock block = ParameterBlock.of(parameters).orElse(null);
        if (block != null) {
            INDArray[] whole = new INDArray[stateArrays];
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                for (int k = 0; k < stateArrays; k++) {
                    whole[k] = Nd4j.zeros(block.values().dataType(), block.values().length());
                }
            }
            List<List<INDArray>> views = java.util.Arrays.stream(whole).map(block::split).toList();
            for (int i = 0; i < parameters.size(); i++) {
                Parameter p = parameters.get(i);
                INDArray[] old = state.get(p);
                INDArray[] moved = new INDArray[stateArrays];
                for (int k = 0; k < stateArrays; k++) {
                    moved[k] = views.get(k).get(i);
                    if (old != null) {
                        moved[k].assign(old[k]);
                    }
                }
                state.put(p, moved);
            }
            flat = new Flat(block.values(), block.gradients(), whole);
        }
        return flat;
    }

    @Override
    public final void scaleLearningRate(double factor) {
        if (!(factor >= 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("learning-rate factor must be a finite number >= 0, got " + factor);
        }
        learningRateFactor = factor;
    }

    /** {@code learningRate} times the factor of {@link #scaleLearningRate} (1 unless a schedule set it). */
    final double scaled(double learningRate) {
        return learningRate * learningRateFactor;
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
     * Updates {@code value} in place from {@code gradient}, which it may overwrite; {@code state} has
     * the same shape. Called once per parameter, or once for a whole {@link ParameterBlock}.
     *
     * @param iteration the 0-based index of this step
     */
    abstract void update(INDArray value, INDArray gradient, INDArray[] state, long iteration);

    /**
     * {@link #update} from the gradient {@code a·gradient + b·other} in one pass (both left as they are), where the optimizer
     * has such a pass (returns true); else returns false and changes nothing. None by default.
     */
    boolean updateOfSum(INDArray value, INDArray gradient, double a, INDArray other, double b, INDArray[] state, long iteration) {
        return false;
    }

    private INDArray[] newState(Parameter p) {
        INDArray[] arrays = new INDArray[stateArrays];
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            for (int i = 0; i < stateArrays; i++) {
                arrays[i] = Nd4j.zeros(p.value().dataType(), p.value().shape());
            }
        }
        return arrays;
    }
}
