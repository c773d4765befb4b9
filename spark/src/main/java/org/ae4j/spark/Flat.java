package org.ae4j.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.ae4j.spi.OptimizerState;
import org.ae4j.spi.Parameter;
import org.ae4j.util.StepMemory;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A model's parameters, gradients and optimizer state as one flat float array each, in parameter order: what the
 * driver broadcasts and the executors send back.
 */
final class Flat {

    private Flat() {
    }

    static float[] values(List<Parameter> parameters) {
        return read(parameters, Parameter::value);
    }

    static float[] gradients(List<Parameter> parameters) {
        return read(parameters, Parameter::gradient);
    }

    static void setValues(List<Parameter> parameters, float[] flat) {
        write(parameters, Parameter::value, flat);
    }

    static void setGradients(List<Parameter> parameters, float[] flat) {
        write(parameters, Parameter::gradient, flat);
    }

    /** The state's arrays, concatenated. */
    static float[] state(OptimizerState state) {
        int length = state.arrays().stream().mapToInt(a -> Math.toIntExact(a.length())).sum();
        float[] flat = new float[length];
        int at = 0;
        for (INDArray a : state.arrays()) {
            float[] part = a.ravel().toFloatVector();
            System.arraycopy(part, 0, flat, at, part.length);
            at += part.length;
        }
        return flat;
    }

    /** A state of {@code template}'s arrays' shapes holding {@code flat}. */
    static OptimizerState state(float[] flat, long iterations, OptimizerState template) {
        List<INDArray> arrays = new ArrayList<>();
        int at = 0;
        try (MemoryWorkspace ignored = StepMemory.outside()) {
            for (INDArray a : template.arrays()) {
                int n = Math.toIntExact(a.length());
                arrays.add(Nd4j.createFromArray(Arrays.copyOfRange(flat, at, at + n)).reshape(a.shape()).castTo(a.dataType()));
                at += n;
            }
        }
        if (at != flat.length) {
            throw new IllegalArgumentException("optimizer state of " + flat.length + " values, expected " + at);
        }
        return new OptimizerState(iterations, arrays);
    }

    /** {@code a} then {@code b}, in one array. */
    static float[] concat(float[] a, float[] b) {
        float[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /** {@code sum += scale · x}, element-wise. */
    static void addScaled(float[] sum, float[] x, double scale) {
        for (int i = 0; i < sum.length; i++) {
            sum[i] += (float) (scale * x[i]);
        }
    }

    private static float[] read(List<Parameter> parameters, Function<Parameter, INDArray> part) {
        long length = parameters.stream().mapToLong(Parameter::length).sum();
        float[] flat = new float[Math.toIntExact(length)];
        int at = 0;
        for (Parameter p : parameters) {
            float[] values = part.apply(p).ravel().toFloatVector();
            System.arraycopy(values, 0, flat, at, values.length);
            at += values.length;
        }
        return flat;
    }

    private static void write(List<Parameter> parameters, Function<Parameter, INDArray> part, float[] flat) {
        int at = 0;
        try (MemoryWorkspace ignored = StepMemory.outside()) {
            for (Parameter p : parameters) {
                INDArray target = part.apply(p);
                int n = Math.toIntExact(target.length());
                target.assign(Nd4j.createFromArray(Arrays.copyOfRange(flat, at, at + n)).reshape(target.shape()).castTo(target.dataType()));
                at += n;
            }
        }
        if (at != flat.length) {
            throw new IllegalArgumentException(flat.length + " values for parameters of " + at);
        }
    }
}
