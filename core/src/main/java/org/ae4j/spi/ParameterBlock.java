package org.ae4j.spi;

import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.ae4j.util.Lanes;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The values and the gradients of several {@link Parameter}s, each kept in one contiguous buffer,
 * so that work on the whole model — an optimizer's update, a gradient norm, two lanes' combination —
 * is one native operation instead of one per parameter (each ND4J call costs ~10–20 µs however
 * small its arrays). Each parameter's arrays become views of the buffers, in list order.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ParameterBlock {

    private final List<Parameter> parameters;
    private final INDArray values;
    private final INDArray gradients;
    /** Lane 0's gradients and one buffer per extra lane, once {@link #provideLanes} asked for lanes. */
    private volatile INDArray[] laneGradients;

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

    /** Every gradient, flat, {@code [total]} (the calling thread's lane's, {@linkplain #settleGradients settled}). */
    public INDArray gradients() {
        INDArray[] lanes = laneGradients;
        int lane = lanes == null ? 0 : Lanes.current();
        settleGradients(lane);
        return lanes == null ? gradients : lanes[lane];
    }

    /**
     * Gives each of {@code lanes} data-parallel lanes a gradient buffer of its own (lane 0 keeps the
     * block's): from then on {@link #gradients()} and every parameter's {@link Parameter#gradient()}
     * are those of the calling thread's {@link Lanes#current() lane}. Buffers are kept for the block's
     * life; asking for fewer lanes than it has is a no-op.
     */
    @API(status = API.Status.INTERNAL, since = "0.1")
    public synchronized void provideLanes(int lanes) {
        if (lanes < 1) {
            throw new IllegalArgumentException("lanes must be >= 1, got " + lanes);
        }
        int existing = laneGradients == null ? 1 : laneGradients.length;
        if (lanes <= existing) {
            return;
        }
        INDArray[] flat = new INDArray[lanes];
        flat[0] = gradients;
        INDArray[][] views = new INDArray[parameters.size()][lanes - 1];
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            for (int lane = 1; lane < lanes; lane++) {
                flat[lane] = lane < existing ? laneGradients[lane] : Nd4j.zeros(gradients.dataType(), gradients.length());
                List<INDArray> split = split(flat[lane]);
                for (int i = 0; i < split.size(); i++) {
                    views[i][lane - 1] = split.get(i);
                }
            }
        }
        for (int i = 0; i < parameters.size(); i++) {
            parameters.get(i).useLaneGradients(views[i]);
        }
        laneGradients = flat;
    }

    /**
     * The gradient buffer of {@code lane} (0 is {@link #gradients()} on a thread outside any lane), {@linkplain
     * #settleGradients settled}: call it from the lane's thread or once the lane's step has ended.
     */
    @API(status = API.Status.INTERNAL, since = "0.1")
    public INDArray laneGradients(int lane) {
        INDArray[] lanes = laneGradients;
        int count = lanes == null ? 1 : lanes.length;
        if (lane < 0 || lane >= count) {
            throw new IndexOutOfBoundsException("lane " + lane + " of a block with " + count + " lane(s)");
        }
        settleGradients(lane);
        return lanes == null ? gradients : lanes[lane];
    }

    /**
     * Writes the zeros of every gradient of {@code lane} that was {@linkplain Parameter#zeroGradient() zeroed} and not
     * used since, so that the lane's flat buffer holds its gradients (a view of it taken once stays valid only if this
     * runs at the end of each step, as {@code Autoencoder.computeGradients} does).
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.3")
    public void settleGradients(int lane) {
        for (Parameter p : parameters) {
            p.settleGradient(lane);
        }
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

    /**
     * Sets every gradient of the calling thread's lane to zero, lazily ({@link Parameter#zeroGradient()}): a parameter's
     * zeros are written when it is first used, unless the backward pass overwrites it whole.
     */
    public void zeroGradients() {
        for (Parameter p : parameters) {
            p.zeroGradient();
        }
    }

    private static INDArray view(INDArray flat, long offset, long[] shape) {
        long length = Arrays.stream(shape).reduce(1, Math::multiplyExact);
        return flat.get(NDArrayIndex.interval(offset, offset + length)).reshape('c', shape);
    }
}
