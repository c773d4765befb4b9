package org.ae4j.spi;

import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The values and the gradients of several {@link Parameter}s, each kept in one contiguous buffer,
 * so that work on the whole model — zeroing the gradients, an optimizer's update, a gradient norm —
 * is one native operation instead of one per parameter (each ND4J call costs ~10–20 µs however
 * small its arrays). Each parameter's arrays become views of the buffers, in list order.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class ParameterBlock {

    private final List<Parameter> parameters;
    private final INDArray values;
    private final INDArray gradients;

    private ParameterBlock(List<Parameter> parameters, INDArray values, INDArray gradients) {
        this.parameters = parameters;
        this.values = values;
        this.gradients = gradients;
    }

    /**
     * Packs {@code parameters} (values copied, gradients kept) into a new block, or returns the block
     * they already form. Empty when there is nothing to pack or it cannot be: no parameters, one
     * parameter listed twice, or mixed data types.
     */
    public static Optional<ParameterBlock> pack(List<Parameter> parameters) {
        List<Parameter> list = List.copyOf(parameters);
        if (list.isEmpty()) {
            return Optional.empty();
        }
        Optional<ParameterBlock> existing = of(list);
        if (existing.isPresent()) {
            return existing;
        }
        Set<Parameter> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
        distinct.addAll(list);
        DataType type = list.get(0).value().dataType();
        if (distinct.size() != list.size() || list.stream().anyMatch(p -> p.value().dataType() != type)) {
            return Optional.empty();
        }
        long total = list.stream().mapToLong(Parameter::length).sum();
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            INDArray values = Nd4j.createUninitialized(type, total);
            INDArray gradients = Nd4j.zeros(type, total);
            ParameterBlock block = new ParameterBlock(list, values, gradients);
            long offset = 0;
            for (Parameter p : list) {
                long[] shape = p.value().shape();
                p.relocate(block, view(values, offset, shape), view(gradients, offset, shape));
                offset += p.length();
            }
            return Optional.of(block);
        }
    }

    /** The block that holds exactly {@code parameters}, in this order, if there is one. */
    public static Optional<ParameterBlock> of(List<Parameter> parameters) {
        if (parameters.isEmpty()) {
            return Optional.empty();
        }
        ParameterBlock block = parameters.get(0).block().orElse(null);
        if (block == null || block.parameters.size() != parameters.size()) {
            return Optional.empty();
        }
        for (int i = 0; i < parameters.size(); i++) {
            if (block.parameters.get(i) != parameters.get(i)) {
                return Optional.empty();
            }
        }
        return Optional.of(block);
    }

    /** The parameters, in buffer order. */
    public List<Parameter> parameters() {
        return parameters;
    }

    /** Every value, flat, {@code [total]}; writes go to the parameters. */
    public INDArray values() {
        return values;
    }

    /** Every gradient, flat, {@code [total]}. */
    public INDArray gradients() {
        return gradients;
    }

    /** Views of {@code flat} ({@code [total]}, e.g. optimizer state) shaped like each parameter. */
    public List<INDArray> split(INDArray flat) {
        if (flat.length() != values.length()) {
            throw new IllegalArgumentException("a flat array of " + values.length() + " values is needed, got "
                    + Arrays.toString(flat.shape()));
        }
        INDArray[] views = new INDArray[parameters.size()];
        long offset = 0;
        for (int i = 0; i < views.length; i++) {
            Parameter p = parameters.get(i);
            views[i] = view(flat, offset, p.value().shape());
            offset += p.length();
        }
        return List.of(views);
    }

    /** Sets every gradient to zero (one memset). */
    public void zeroGradients() {
        Nd4j.getMemoryManager().memset(gradients);
    }

    private static INDArray view(INDArray flat, long offset, long[] shape) {
        long length = Arrays.stream(shape).reduce(1, Math::multiplyExact);
        return flat.get(NDArrayIndex.interval(offset, offset + length)).reshape('c', shape);
    }
}
