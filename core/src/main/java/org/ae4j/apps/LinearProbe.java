package org.ae4j.apps;

import java.util.List;
import org.ae4j.data.Dataset;
import org.ae4j.optim.AdamSpec;
import org.ae4j.spi.Kernels;
import org.ae4j.spi.Optimizer;
import org.ae4j.spi.Parameter;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Linear-probe evaluation of features: a multinomial logistic (softmax) regression trained on frozen,
 * standardised features, full batch with Adam, then its accuracy. The standard way to ask how much
 * class information a representation keeps in linearly readable form.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class LinearProbe {

    private final INDArray mean;
    private final INDArray scale;
    private final Parameter weights;
    private final Parameter bias;

    private LinearProbe(INDArray mean, INDArray scale, Parameter weights, Parameter bias) {
        this.mean = mean;
        this.scale = scale;
        this.weights = weights;
        this.bias = bias;
    }

    /**
     * Fits on labelled features.
     *
     * @param classes    number of classes (labels are 0 … classes − 1)
     * @param iterations full-batch Adam steps (e.g. 300)
     */
    public static LinearProbe fit(Dataset train, int classes, int iterations, double learningRate, Kernels kernels) {
        int[] labels = train.labels().orElseThrow(() -> new IllegalArgumentException("a linear probe needs labelled data"));
        INDArray x = train.features().reshape('c', train.size(), train.exampleLength()).castTo(DataType.FLOAT);
        INDArray mean = x.mean(true, 0);
        INDArray scale = x.std(true, 0).addi(1e-6);
        INDArray standardised = x.subRowVector(mean).diviRowVector(scale);
        // the gradient needs Xᵀ every step: transpose once, not per step (a transposed gemm operand is copied)
        INDArray transposed = standardised.transpose().dup('c');
        INDArray targets = Nd4j.zeros(DataType.FLOAT, train.size(), classes);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label " + labels[i] + " of example " + i + " is outside 0…" + (classes - 1));
            }
            targets.putScalar(i, labels[i], 1.0);
        }
        Parameter w = new Parameter("probe.W", Parameter.Kind.WEIGHT, Nd4j.zeros(DataType.FLOAT, x.size(1), classes));
        Parameter b = new Parameter("probe.b", Parameter.Kind.BIAS, Nd4j.zeros(DataType.FLOAT, 1, classes));
        LinearProbe probe = new LinearProbe(mean, scale, w, b);
        Optimizer adam = new AdamSpec(learningRate, 0.9, 0.999, 1e-8).create(kernels);
        for (int step = 0; step < iterations; step++) {
            INDArray gradient = probe.probabilities(standardised).subi(targets).divi(train.size());
            Nd4j.gemm(transposed, gradient, w.gradient(), false, false, 1.0, 0.0);
            b.gradient().assign(gradient.sum(true, 0));
            adam.step(List.of(w, b));
        }
        return probe;
    }

    private INDArray probabilities(INDArray standardised) {
        INDArray logits = standardised.mmul(weights.value()).addiRowVector(bias.value());
        logits.subiColumnVector(logits.max(true, 1));
        INDArray e = Transforms.exp(logits, false);
        return e.diviColumnVector(e.sum(true, 1));
    }

    /** The predicted class of every example. */
    public int[] predict(Dataset data) {
        INDArray x = data.features().reshape('c', data.size(), data.exampleLength()).castTo(DataType.FLOAT);
        INDArray p = probabilities(x.subRowVector(mean).diviRowVector(scale));
        return p.argMax(1).toIntVector();
    }

    /** The share of examples whose predicted class is their label. */
    public double accuracy(Dataset data) {
        int[] labels = data.labels().orElseThrow(() -> new IllegalArgumentException("accuracy needs labelled data"));
        int[] predicted = predict(data);
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            correct += predicted[i] == labels[i] ? 1 : 0;
        }
        return (double) correct / labels.length;
    }
}
