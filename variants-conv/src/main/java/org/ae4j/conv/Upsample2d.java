package org.ae4j.conv;

import org.ae4j.spi.OnnxExportable;
import org.ae4j.spi.OnnxGraph;
import org.ae4j.spi.Trace;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Nearest-neighbour upsampling by an integer factor over NCHW images, by ND4J's native
 * {@code upsampling2d} and {@code upsampling2d_bp}: each pixel becomes a {@code f × f} block; the
 * gradient of a pixel is the sum over its block.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Upsample2d extends ImageLayer implements OnnxExportable {

    private final int factor;

    public Upsample2d(String name, long[] inputShape, int factor) {
        super(name, inputShape, scaled(name, inputShape, factor));
        this.factor = factor;
    }

    private static long[] scaled(String name, long[] inputShape, int factor) {
        Geometry.requireChw(name, inputShape);
        Geometry.requirePositive("upsample", "factor", factor);
        return new long[] {inputShape[0], inputShape[1] * factor, inputShape[2] * factor};
    }

    @Override
    public Trace forward(INDArray input) {
        INDArray x = checked(input);
        INDArray output = newOutput(x);
        NativeOps.run("upsampling2d", new INDArray[] {x}, new INDArray[] {output}, factor, factor, 1);
        return Trace.of(x, output);
    }

    @Override
    public INDArray backward(Trace trace, INDArray outputGradient) {
        INDArray x = trace.input();
        INDArray inputGradient = Nd4j.createUninitialized(x.dataType(), x.shape());
        NativeOps.run("upsampling2d_bp", new INDArray[] {x, contiguous(outputGradient)},
                new INDArray[] {inputGradient}, 1);
        return inputGradient;
    }

    /** ONNX {@code Resize}, nearest neighbour, each output pixel taking the input pixel at {@code ⌊i / factor⌋}. */
    @Override
    public String toOnnx(OnnxGraph graph, String input) {
        String scales = graph.constant(name() + ".scales", new float[] {1, 1, factor, factor}, 4);
        return graph.node("Resize", input, "", scales).text("mode", "nearest")
                .text("coordinate_transformation_mode", "asymmetric").text("nearest_mode", "floor").output();
    }
}
