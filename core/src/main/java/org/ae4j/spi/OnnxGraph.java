package org.ae4j.spi;

import java.util.List;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The ONNX graph a model is being exported into, as its components see it: they add constants (their parameters)
 * and nodes (standard ONNX operators of the default domain at {@link #opset()}) and pass tensors by name. A
 * component that can be exported implements {@link OnnxExportable} (or {@link OnnxExportableLoss} for a loss) and
 * adds to the graph what its inference computes; the export itself (the protobuf model, its inputs and outputs,
 * the batch dimension) belongs to {@code org.ae4j.onnx}.
 *
 * <p>Tensors are float32 unless an operator makes another type; the first dimension of every tensor that flows
 * through a component is the batch, which stays symbolic.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.3")
public interface OnnxGraph {

    /** The version of the default ONNX operator set the graph is written against. */
    int opset();

    /**
     * Adds a float32 constant holding {@code values} with its shape (an initializer).
     *
     * @param name a readable name, e.g. the parameter's {@code "encoder.0.W"}; made unique when taken
     * @return the tensor's name in the graph
     */
    String constant(String name, INDArray values);

    /** Adds a float32 constant of {@code shape} holding {@code values} in row-major order; see {@link #constant(String, INDArray)}. */
    String constant(String name, float[] values, long... shape);

    /** Adds a float32 scalar (rank 0) constant. */
    default String scalar(String name, float value) {
        return constant(name, new float[] {value});
    }

    /** Adds a 1-D int64 constant (shapes, axes, slice bounds). */
    String int64s(String name, long... values);

    /** Starts a node running {@code operator} (an ONNX operator of the default domain) on the named tensors. */
    Node node(String operator, String... inputs);

    /**
     * Adds {@code component}'s inference on {@code input} and returns its output's name.
     *
     * @param role      how the model names the component in errors, e.g. {@code "layer 'encoder.2'"}
     * @param component a {@link Layer}, {@link Encoder}, {@link Decoder}, {@link Bottleneck} or {@link Activation}
     * @throws UnsupportedOperationException naming {@code role} and the component's type when it does not implement
     *                                       {@link OnnxExportable}
     */
    default String add(String role, Object component, String input) {
        if (component instanceof OnnxExportable exportable) {
            return exportable.toOnnx(this, input);
        }
        throw new UnsupportedOperationException(role + " (" + component.getClass().getName() + ") cannot be exported to ONNX: "
                + "it does not implement " + OnnxExportable.class.getSimpleName());
    }

    /** The mean of each example's values, {@code [batch]}: {@code ReduceMean} over the flattened example. */
    default String meanPerExample(String tensor) {
        return reducePerExample("ReduceMean", tensor);
    }

    /** The sum of each example's values, {@code [batch]}: {@code ReduceSum} over the flattened example. */
    default String sumPerExample(String tensor) {
        return reducePerExample("ReduceSum", tensor);
    }

    private String reducePerExample(String operator, String tensor) {
        String rows = node("Flatten", tensor).integer("axis", 1).output();
        boolean axesAsInput = operator.equals("ReduceSum") ? opset() >= 13 : opset() >= 18;
        Node reduce = axesAsInput ? node(operator, rows, int64s("axes", 1)) : node(operator, rows).integers("axes", 1);
        return reduce.integer("keepdims", 0).output();
    }

    /** A node being added: its attributes, then its output(s). */
    interface Node {

        /** An {@code INT} attribute. */
        Node integer(String attribute, long value);

        /** An {@code INTS} attribute. */
        Node integers(String attribute, long... values);

        /** A {@code FLOAT} attribute. */
        Node real(String attribute, float value);

        /** A {@code STRING} attribute. */
        Node text(String attribute, String value);

        /** Adds the node with one output; returns its name. */
        String output();

        /** Adds the node with {@code count} outputs; returns their names. */
        List<String> outputs(int count);
    }
}
