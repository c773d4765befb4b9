package org.ae4j.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import onnx.Onnx;
import org.ae4j.spi.OnnxGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.protobuf.ByteString;

/**
 * An {@link OnnxGraph} that builds the ONNX schema's protobuf graph (the generated {@code onnx.Onnx} classes nd4j-api
 * ships): constants become initializers stored as little-endian raw data, nodes get readable unique names
 * ({@code Gemm_3}) and their outputs the node's name.
 */
final class ProtoGraph implements OnnxGraph {

    private final int opset;
    private final Onnx.GraphProto.Builder graph = Onnx.GraphProto.newBuilder();
    private final Set<String> names = new HashSet<>();
    private int nodes;

    ProtoGraph(int opset, String name) {
        this.opset = opset;
        graph.setName(name);
    }

    @Override
    public int opset() {
        return opset;
    }

    /** {@code name}, or {@code name_2}, {@code name_3}, … when it is taken; reserved from then on. */
    String unique(String name) {
        String candidate = name;
        for (int k = 2; !names.add(candidate); k++) {
            candidate = name + "_" + k;
        }
        return candidate;
    }

    @Override
    public String constant(String name, INDArray values) {
        INDArray floats = values.dataType() == DataType.FLOAT ? values : values.castTo(DataType.FLOAT);
        return constant(name, Nd4j.toFlattened('c', floats).toFloatVector(), values.shape());
    }

    @Override
    public String constant(String name, float[] values, long... shape) {
        long length = Arrays.stream(shape).reduce(1, Math::multiplyExact);
        if (length != values.length) {
            throw new IllegalArgumentException("constant '" + name + "': " + values.length + " values do not fill shape "
                    + Arrays.toString(shape));
        }
        ByteBuffer bytes = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        return initializer(name, Onnx.TensorProto.DataType.FLOAT_VALUE, bytes, shape);
    }

    @Override
    public String int64s(String name, long... values) {
        ByteBuffer bytes = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asLongBuffer().put(values);
        return initializer(name, Onnx.TensorProto.DataType.INT64_VALUE, bytes, values.length);
    }

    private String initializer(String name, int type, ByteBuffer bytes, long... shape) {
        String unique = unique(name);
        Onnx.TensorProto.Builder tensor = Onnx.TensorProto.newBuilder().setName(unique).setDataType(type)
                .setRawData(ByteString.copyFrom(bytes.array()));
        for (long d : shape) {
            tensor.addDims(d);
        }
        graph.addInitializer(tensor);
        return unique;
    }

    @Override
    public Node node(String operator, String... inputs) {
        return new ProtoNode(operator, inputs);
    }

    /** Declares a graph input or output of {@code elementType} and {@code [batch, shape…]}, the batch symbolic. */
    Onnx.ValueInfoProto value(String name, int elementType, long... shape) {
        Onnx.TensorShapeProto.Builder dims = Onnx.TensorShapeProto.newBuilder()
                .addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimParam("batch"));
        for (long d : shape) {
            dims.addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return Onnx.ValueInfoProto.newBuilder().setName(name)
                .setType(Onnx.TypeProto.newBuilder().setTensorType(Onnx.TypeProto.Tensor.newBuilder().setElemType(elementType)
                        .setShape(dims)))
                .build();
    }

    void input(Onnx.ValueInfoProto value) {
        graph.addInput(value);
    }

    /** Declares {@code tensor} a graph output under {@code value}'s name, through an {@code Identity} node if it differs. */
    void output(String tensor, Onnx.ValueInfoProto value) {
        if (!tensor.equals(value.getName())) {
            unique(value.getName());
            graph.addNode(Onnx.NodeProto.newBuilder().setOpType("Identity").setName(value.getName() + "_out").addInput(tensor)
                    .addOutput(value.getName()));
        }
        graph.addOutput(value);
    }

    Onnx.GraphProto build() {
        return graph.build();
    }

    private final class ProtoNode implements Node {

        private final Onnx.NodeProto.Builder node = Onnx.NodeProto.newBuilder();

        ProtoNode(String operator, String... inputs) {
            node.setOpType(operator);
            for (String input : inputs) {
                node.addInput(input);
            }
        }

        private Node attribute(String name, Onnx.AttributeProto.AttributeType type,
                               java.util.function.Consumer<Onnx.AttributeProto.Builder> value) {
            Onnx.AttributeProto.Builder attribute = Onnx.AttributeProto.newBuilder().setName(name).setType(type);
            value.accept(attribute);
            node.addAttribute(attribute);
            return this;
        }

        @Override
        public Node integer(String attribute, long value) {
            return attribute(attribute, Onnx.AttributeProto.AttributeType.INT, a -> a.setI(value));
        }

        @Override
        public Node integers(String attribute, long... values) {
            return attribute(attribute, Onnx.AttributeProto.AttributeType.INTS, a -> Arrays.stream(values).forEach(a::addInts));
        }

        @Override
        public Node real(String attribute, float value) {
            return attribute(attribute, Onnx.AttributeProto.AttributeType.FLOAT, a -> a.setF(value));
        }

        @Override
        public Node text(String attribute, String value) {
            return attribute(attribute, Onnx.AttributeProto.AttributeType.STRING, a -> a.setS(ByteString.copyFromUtf8(value)));
        }

        @Override
        public String output() {
            return outputs(1).get(0);
        }

        @Override
        public List<String> outputs(int count) {
            String name = unique(node.getOpType() + "_" + nodes++);
            node.setName(name);
            List<String> outputs = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                outputs.add(count == 1 ? name : unique(name + "_" + i));
            }
            outputs.forEach(node::addOutput);
            graph.addNode(node);
            return outputs;
        }
    }
}
