package org.ae4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ae4j.model.Autoencoder;
import org.ae4j.onnx.OnnxExport;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs exported ONNX models under ONNX Runtime and checks them against the model they came from: every part
 * ({@link OnnxExport.Part}) must reproduce ae4j's output on a batch within {@value #TOLERANCE} (relative to the value
 * for magnitudes above 1: a score summed over hundreds of values carries float32's rounding of the sum).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.3")
public final class OnnxRuntimeCheck {

    /** The largest difference allowed between ONNX Runtime's output and ae4j's, per value. */
    public static final double TOLERANCE = 1e-5;

    private OnnxRuntimeCheck() {
    }

    /**
     * Runs {@code exported} on {@code input} (float32, {@code [batch, inputShape…]}) and returns every output by name
     * as a float array (a boolean output as 0/1).
     */
    public static Map<String, INDArray> run(OnnxExport.Exported exported, INDArray input) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        float[] values = Nd4j.toFlattened('c', input.castTo(DataType.FLOAT)).toFloatVector();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            try (OrtSession session = env.createSession(exported.bytes(), options);
                 OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(values), input.shape());
                 OrtSession.Result result = session.run(Map.of(exported.input(), tensor))) {
                Map<String, INDArray> outputs = new LinkedHashMap<>();
                for (Map.Entry<String, OnnxValue> output : result) {
                    outputs.put(output.getKey(), toArray((OnnxTensor) output.getValue()));
                }
                return outputs;
            }
        } catch (OrtException e) {
            throw new AssertionError("ONNX Runtime refused the exported " + exported.part() + ": " + e.getMessage(), e);
        }
    }

    private static INDArray toArray(OnnxTensor tensor) {
        long[] shape = tensor.getInfo().getShape();
        if (tensor.getInfo().type == OnnxJavaType.BOOL) {
            java.nio.ByteBuffer bytes = tensor.getByteBuffer();
            float[] flags = new float[bytes.remaining()];
            for (int i = 0; i < flags.length; i++) {
                flags[i] = bytes.get(i) != 0 ? 1f : 0f;
            }
            return Nd4j.create(flags, shape, 'c');
        }
        FloatBuffer buffer = tensor.getFloatBuffer();
        float[] floats = new float[buffer.remaining()];
        buffer.get(floats);
        return Nd4j.create(floats, shape, 'c');
    }

    /**
     * Exports each part of {@code model} (without preprocessing) and checks ONNX Runtime's outputs on {@code batch}
     * against {@link Autoencoder#encode}, {@link Autoencoder#decode}, {@link Autoencoder#reconstruct} and
     * {@link Autoencoder#reconstructionLossPerExample}.
     */
    public static void assertReproduces(Autoencoder model, INDArray batch) {
        INDArray code = model.encode(batch);
        assertClose("code", run(OnnxExport.of(model, OnnxExport.Part.ENCODER), batch).get("code"), code);
        assertClose("decoded code", run(OnnxExport.of(model, OnnxExport.Part.DECODER), code).get("reconstruction"),
                model.decode(code));
        assertClose("reconstruction", run(OnnxExport.of(model, OnnxExport.Part.FULL), batch).get("reconstruction"),
                model.reconstruct(batch));
        assertClose("score", run(OnnxExport.of(model, OnnxExport.Part.SCORE), batch).get("score"),
                model.reconstructionLossPerExample(batch));
    }

    /** Asserts {@code actual} (ONNX Runtime's) has {@code expected}'s shape and values within {@link #TOLERANCE}. */
    public static void assertClose(String what, INDArray actual, INDArray expected) {
        assertThat(actual).as("ONNX Runtime's %s", what).isNotNull();
        assertThat(actual.shape()).as("shape of ONNX Runtime's %s", what).isEqualTo(expected.shape());
        double[] a = actual.castTo(DataType.DOUBLE).data().asDouble();
        double[] e = Nd4j.toFlattened('c', expected.castTo(DataType.DOUBLE)).toDoubleVector();
        for (int i = 0; i < e.length; i++) {
            double allowed = TOLERANCE * Math.max(1, Math.abs(e[i]));
            if (!(Math.abs(a[i] - e[i]) <= allowed) && !(Double.isNaN(a[i]) && Double.isNaN(e[i]))) {
                throw new AssertionError("ONNX Runtime's " + what + " differs from ae4j's at flat index " + i + ": "
                        + a[i] + " against " + e[i] + " (allowed " + allowed + ")");
            }
        }
    }

    /**
     * Adds seeded noise (σ 0.1) to every bias, which starts at 0, so that an export that misplaces or drops a bias
     * changes the outputs it is compared on.
     */
    static void shiftBiases(java.util.List<org.ae4j.spi.Parameter> parameters, long seed) {
        for (org.ae4j.spi.Parameter p : parameters) {
            if (p.kind() == org.ae4j.spi.Parameter.Kind.BIAS) {
                p.value().addi(Fixtures.gaussian(seed++, 0.1, p.value().dataType(), p.value().shape()));
            }
        }
    }
}
