package org.ae4j.kernel;

import java.util.function.Supplier;
import org.ae4j.spi.Activation;
import org.ae4j.spi.Kernels;
import org.ae4j.spi.RandomSource;
import org.ae4j.util.Gemm;
import org.ae4j.util.InPlace;
import org.ae4j.util.OnesRow;
import org.ae4j.util.Sums;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The kernels as ND4J ops, for any data type and layout: what runs when the JVM lacks the Vector API, and
 * what {@link VectorApiKernels} hands the arrays it cannot take (doubles, strided views). Constants go
 * into custom ops' arguments ({@link InPlace}) rather than ND4J's scalar ops, which allocate a native
 * array per call; bias broadcasts and column sums are products with a row of ones ({@link OnesRow}).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class Nd4jKernels implements Kernels {

    public static final String NAME = "nd4j";

    @Override
    public String name() {
        return NAME;
    }

    /** {@code y ← f(1·b + y)}: the bias added as a rank-1 product, cheaper here than a broadcast op. */
    @Override
    public void biasActivation(INDArray y, INDArray bias, Activation f) {
        INDArray row = bias.rank() == 2 ? bias : bias.reshape(1, bias.length());
        Gemm.into(OnesRow.of(y.dataType(), y.size(0)), row, y, true, false, 1.0, 1.0);
        f.applyInPlace(y);
    }

    @Override
    public void backpropWithBias(INDArray y, INDArray g, INDArray biasGradient, Activation f) {
        f.backpropInPlace(y, g);
        OnesRow.addColumnSums(g, biasGradient.rank() == 2 ? biasGradient : biasGradient.reshape(1, biasGradient.length()));
    }

    @Override
    public double squaredError(INDArray output, INDArray target, INDArray gradient, double scale) {
        output.sub(target, gradient);
        double sum = Sums.dot(gradient, gradient);              // native dot: ~10× faster than norm2 here
        if (InPlace.contiguous(gradient)) {
            InPlace.scale(gradient, scale);
        } else {
            gradient.muli(scale);
        }
        return sum;
    }

    @Override
    public void scaleAdd(INDArray target, double a, INDArray other, double b) {
        if (InPlace.contiguous(target) && InPlace.contiguous(other)) {
            if (a != 1) {
                InPlace.scale(target, a);
            }
            InPlace.axpy(b, other, target);
        } else {
            target.muli(a).addi(other.mul(b));
        }
    }

    @Override
    public double[] columnSums(INDArray a) {
        return a.sum(0).castTo(DataType.DOUBLE).toDoubleVector();
    }

    @Override
    public INDArray repeatRow(double[] row, long rows, DataType type) {
        INDArray one = Nd4j.create(row, new long[] {1, row.length}, 'c').castTo(type);
        return Nd4j.zeros(type, rows, row.length).addiRowVector(one);
    }

    /** ND4J's fused {@code adam_updater} op (it overwrites the gradient with the update), then the subtraction. */
    @Override
    public void adam(INDArray theta, INDArray gradient, INDArray m, INDArray v, long iteration, double learningRate, double beta1,
                     double beta2, double epsilon) {
        Nd4j.exec(new AdamUpdater(gradient, v, m, learningRate, beta1, beta2, epsilon, Math.toIntExact(iteration)));
        theta.subi(gradient);
    }

    @Override
    public INDArray gaussian(INDArray target, double mean, double std, RandomSource random) {
        return random.gaussianInPlace(target, mean, std);
    }

    @Override
    public <K> K select(Supplier<? extends K> nd4j, Supplier<? extends K> vectorApi) {
        return nd4j.get();
    }

    @Override
    public String toString() {
        return NAME;
    }
}
