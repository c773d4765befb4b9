package org.ae4j.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.ae4j.spi.Optimizer;
import org.ae4j.spi.Parameter;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Each optimizer against a plain-Java transcription of its published update rule. */
class OptimizerTest {

    private static final double[] START = {1.0, -2.0, 0.5};
    private static final double[][] GRADIENTS = {{0.1, -0.3, 2.0}, {0.2, 0.1, -1.0}, {-0.5, 0.4, 0.3}};

    private static double[] run(Optimizer optimizer) {
        Parameter p = new Parameter("p", Parameter.Kind.WEIGHT, Nd4j.create(START.clone(), new long[] {1, 3}, 'c'));
        for (double[] g : GRADIENTS) {
            p.gradient().assign(Nd4j.create(g.clone(), new long[] {1, 3}, 'c'));
            optimizer.step(List.of(p));
        }
        return p.value().toDoubleVector();
    }

    @Test
    void adamFollowsKingmaAndBa() {
        AdamSpec spec = new AdamSpec(0.01, 0.9, 0.999, 1e-8);
        double[] theta = START.clone();
        double[] m = new double[3];
        double[] v = new double[3];
        for (int t = 1; t <= GRADIENTS.length; t++) {
            for (int i = 0; i < 3; i++) {
                double g = GRADIENTS[t - 1][i];
                m[i] = spec.beta1() * m[i] + (1 - spec.beta1()) * g;
                v[i] = spec.beta2() * v[i] + (1 - spec.beta2()) * g * g;
                double mHat = m[i] / (1 - Math.pow(spec.beta1(), t));
                double vHat = v[i] / (1 - Math.pow(spec.beta2(), t));
                theta[i] -= spec.learningRate() * mHat / (Math.sqrt(vHat) + spec.epsilon());     // Algorithm 1, literally
            }
        }
        Optimizer adam = spec.create(org.ae4j.kernel.KernelSelection.best());
        assertThat(run(adam)).containsExactly(theta, within(1e-9));
        assertThat(adam.iterations()).isEqualTo(3);
    }

    @Test
    void rmsPropFollowsTielemanAndHinton() {
        RmsPropSpec spec = new RmsPropSpec(0.01, 0.9, 1e-8);
        double[] theta = START.clone();
        double[] s = new double[3];
        for (double[] gradient : GRADIENTS) {
            for (int i = 0; i < 3; i++) {
                double g = gradient[i];
                s[i] = spec.decay() * s[i] + (1 - spec.decay()) * g * g;
                theta[i] -= spec.learningRate() * g / (Math.sqrt(s[i]) + spec.epsilon());
            }
        }
        assertThat(run(spec.create(org.ae4j.kernel.KernelSelection.best()))).containsExactly(theta, within(1e-9));
    }

    @Test
    void sgdWithMomentumFollowsTheClassicalRule() {
        SgdSpec spec = new SgdSpec(0.1, 0.9, false);
        double[] theta = START.clone();
        double[] velocity = new double[3];
        for (double[] gradient : GRADIENTS) {
            for (int i = 0; i < 3; i++) {
                velocity[i] = spec.momentum() * velocity[i] - spec.learningRate() * gradient[i];
                theta[i] += velocity[i];
            }
        }
        assertThat(run(spec.create(org.ae4j.kernel.KernelSelection.best()))).containsExactly(theta, within(1e-12));
    }

    @Test
    void sgdWithNesterovMomentumLooksAhead() {
        SgdSpec spec = new SgdSpec(0.1, 0.9, true);
        double[] theta = START.clone();
        double[] velocity = new double[3];
        for (double[] gradient : GRADIENTS) {
            for (int i = 0; i < 3; i++) {
                velocity[i] = spec.momentum() * velocity[i] - spec.learningRate() * gradient[i];
                theta[i] += spec.momentum() * velocity[i] - spec.learningRate() * gradient[i];
            }
        }
        assertThat(run(spec.create(org.ae4j.kernel.KernelSelection.best()))).containsExactly(theta, within(1e-12));
    }

    @Test
    void plainSgdStepsAgainstTheGradient() {
        double[] theta = START.clone();
        for (double[] gradient : GRADIENTS) {
            for (int i = 0; i < 3; i++) {
                theta[i] -= 0.1 * gradient[i];
            }
        }
        assertThat(run(new SgdSpec(0.1, 0, false).create(org.ae4j.kernel.KernelSelection.best()))).containsExactly(theta, within(1e-12));
    }

    @Test
    void everyOptimizerMinimisesAQuadratic() {
        for (var spec : List.of(new AdamSpec(0.05, 0.9, 0.999, 1e-8), new RmsPropSpec(0.01, 0.9, 1e-8),
                new SgdSpec(0.05, 0.9, false), new SgdSpec(0.05, 0.9, true))) {
            Optimizer optimizer = spec.create(org.ae4j.kernel.KernelSelection.best());
            Parameter p = new Parameter("p", Parameter.Kind.WEIGHT, Nd4j.create(new double[] {3, -4}, new long[] {1, 2}, 'c'));
            for (int i = 0; i < 500; i++) {
                INDArray value = p.value();
                p.gradient().assign(value.mul(2)); // ∇ ‖θ‖²
                optimizer.step(List.of(p));
            }
            assertThat(p.value().norm2Number().doubleValue()).as(spec.type()).isLessThan(0.05);
        }
    }

    @Test
    void rejectsHyperParametersOutOfRange() {
        assertThatThrownBy(() -> new AdamSpec(-1e-3, 0.9, 0.999, 1e-8))
                .hasMessage("adam learningRate must be a finite number > 0, got -0.001");
        assertThatThrownBy(() -> new AdamSpec(1e-3, 1.0, 0.999, 1e-8))
                .hasMessage("adam beta1 must be in [0, 1), got 1.0");
        assertThatThrownBy(() -> new SgdSpec(Double.NaN, 0.9, false))
                .hasMessage("sgd learningRate must be a finite number > 0, got NaN");
        assertThatThrownBy(() -> new RmsPropSpec(1e-3, -0.1, 1e-8))
                .hasMessage("rmsprop decay must be in [0, 1), got -0.1");
    }
}
