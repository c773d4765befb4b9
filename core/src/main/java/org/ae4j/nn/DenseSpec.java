package org.ae4j.nn;

import java.util.Arrays;
import org.ae4j.spi.Activation;
import org.ae4j.spi.BuildContext;
import org.ae4j.spi.Initializer;
import org.ae4j.spi.Layer;
import org.ae4j.spi.LayerSpec;
import org.apiguardian.api.API;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Configuration of a {@link Dense} layer.
 *
 * @param units       output size, ≥ 1
 * @param activation  registered activation name, e.g. {@code "relu"}
 * @param initializer registered initializer name; {@code null} picks {@code he-normal} for the
 *                    ReLU family and {@code xavier-uniform} otherwise
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record DenseSpec(int units, String activation, String initializer) implements LayerSpec {

    public static final String TYPE = "dense";

    public DenseSpec {
        if (units < 1) {
            throw new IllegalArgumentException("dense units must be >= 1, got " + units);
        }
        if (activation == null || activation.isBlank()) {
            throw new IllegalArgumentException("dense activation must be named, e.g. \"relu\"");
        }
        if (initializer == null) {
            initializer = activation.contains("relu") ? FanInit.HE_NORMAL.name() : FanInit.XAVIER_UNIFORM.name();
        }
    }

    public DenseSpec(int units, String activation) {
        this(units, activation, null);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public long[] outputShape(long[] inputShape) {
        if (inputShape.length != 1) {
            throw new IllegalArgumentException("dense expects flat inputs [features], got "
                    + Arrays.toString(inputShape) + "; flatten first");
        }
        return new long[] {units};
    }

    @Override
    public Layer build(String name, long[] inputShape, BuildContext context) {
        outputShape(inputShape);
        long inputs = inputShape[0];
        Activation f = context.components().activation(activation);
        Initializer init = context.components().initializer(initializer);
        var weights = init.initialize(new long[] {inputs, units}, inputs, units, context.dataType(),
                context.random().split(name + ".W"));
        var bias = Nd4j.zeros(context.dataType(), 1, units);
        return new Dense(name, f, weights, bias, context.kernels());
    }
}
