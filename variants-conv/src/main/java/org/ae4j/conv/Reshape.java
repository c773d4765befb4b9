package org.ae4j.conv;

import java.util.Arrays;
import org.ae4j.spi.OnnxExportable;
import org.ae4j.spi.OnnxGraph;
import org.ae4j.spi.Trace;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Changes the per-example shape without touching values (C order), e.g. {@code [784] → [1, 28, 28]}
 * before a convolution, or {@code [32, 7, 7] → [1568]} (a flatten) before a dense layer.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Reshape extends ImageLayer implements OnnxExportable {

    public Reshape(String name, long[] inputShape, long[] outputShape) {
        super(name, inputShape, checkedTarget(name, inputShape, outputShape));
    }

    private static long[] checkedTarget(String name, long[] inputShape, long[] outputShape) {
        long in = Arrays.stream(inputShape).reduce(1, Math::multiplyExact);
        long out = Arrays.stream(outputShape).reduce(1, Math::multiplyExact);
        if (in != out || Arrays.stream(outputShape).anyMatch(d -> d < 1)) {
            throw new IllegalArgumentException("layer '" + name + "' cannot reshape " + Arrays.toString(inputShape) + " ("
                    + in + " values) to " + Arrays.toString(outputShape) + " (" + out + " values)");
        }
        return outputShape;
    }

    @Override
    public Trace forward(INDArray input) {
        checked(input);
        return Trace.of(input, input.reshape('c', withBatch(input.size(0), outputShape())));
    }

    @Override
    public INDArray backward(Trace trace, INDArray outputGradient) {
        return outputGradient.reshape('c', withBatch(outputGradient.size(0), inputShape()));
    }

    private static long[] withBatch(long batch, long[] shape) {
        long[] full = new long[shape.length + 1];
        full[0] = batch;
        System.arraycopy(shape, 0, full, 1, shape.length);
        return full;
    }

    /** ONNX {@code Reshape} to {@code [batch, outputShape…]} (the 0 keeps the batch dimension). */
    @Override
    public String toOnnx(OnnxGraph graph, String input) {
        long[] target = withBatch(0, outputShape());
        return graph.node("Reshape", input, graph.int64s(name() + ".shape", target)).output();
    }
}
