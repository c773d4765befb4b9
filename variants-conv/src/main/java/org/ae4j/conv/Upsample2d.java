package org.ae4j.conv;

import java.util.List;
import org.ae4j.spi.Layer;
import org.ae4j.spi.Parameter;
import org.ae4j.spi.Trace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Nearest-neighbour upsampling by an integer factor over NCHW images, by ND4J's native
 * {@code upsampling2d} and {@code upsampling2d_bp}: each pixel becomes a {@code f × f} block; the
 * gradient of a pixel is the sum over its block.
 */
public final class Upsample2d implements Layer {

    private final String name;
    private final long[] inputShape;
    private final int factor;

    public Upsample2d(String name, long[] inputShape, int factor) {
        this.name = name;
        this.inputShape = Geometry.requireChw(name, inputShape).clone();
        Geometry.requirePositive("upsample", "factor", factor);
        this.factor = factor;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long[] inputShape() {
        return inputShape.clone();
    }

    @Override
    public long[] outputShape() {
        return new long[] {inputShape[0], inputShape[1] * factor, inputShape[2] * factor};
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public Trace forward(INDArray input) {
        Geometry.requireBatch(name, inputShape, input);
        INDArray x = input.ordering() == 'c' ? input : input.dup('c');
        long[] out = outputShape();
        INDArray output = Nd4j.createUninitialized(x.dataType(), x.size(0), out[0], out[1], out[2]);
        NativeOps.run("upsampling2d", new INDArray[] {x}, new INDArray[] {output}, factor, factor, 1);
        return Trace.of(x, output);
    }

    @Override
    public INDArray backward(Trace trace, INDArray outputGradient) {
        INDArray x = trace.input();
        INDArray inputGradient = Nd4j.createUninitialized(x.dataType(), x.shape());
        NativeOps.run("upsampling2d_bp", new INDArray[] {x, outputGradient.ordering() == 'c' ? outputGradient : outputGradient.dup('c')},
                new INDArray[] {inputGradient}, 1);
        return inputGradient;
    }
}
