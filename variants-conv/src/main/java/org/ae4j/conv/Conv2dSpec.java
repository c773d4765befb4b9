package org.ae4j.conv;

import org.ae4j.nn.FanInit;
import org.ae4j.spi.BuildContext;
import org.ae4j.spi.Layer;
import org.ae4j.spi.LayerSpec;
import org.apiguardian.api.API;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Configuration of a {@link Conv2d} layer ({@code "type": "conv2d"}).
 *
 * @param filters     output channels ≥ 1
 * @param kernel      square kernel side ≥ 1
 * @param stride      ≥ 1 (default 1)
 * @param padding     zero padding on each side ≥ 0 (default 0)
 * @param dilation    ≥ 1 (default 1)
 * @param activation  registered activation name
 * @param initializer registered initializer name; default he-normal for the ReLU family, else xavier-uniform
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Conv2dSpec(int filters, int kernel, Integer stride, Integer padding, Integer dilation, String activation,
                         String initializer) implements LayerSpec {

    public static final String TYPE = "conv2d";

    public Conv2dSpec {
        Geometry.requirePositive(TYPE, "filters", filters);
        Geometry.requirePositive(TYPE, "kernel", kernel);
        stride = stride == null ? 1 : stride;
        padding = padding == null ? 0 : padding;
        dilation = dilation == null ? 1 : dilation;
        Geometry.requirePositive(TYPE, "stride", stride);
        Geometry.requireNonNegative(TYPE, "padding", padding);
        Geometry.requirePositive(TYPE, "dilation", dilation);
        if (activation == null || activation.isBlank()) {
            throw new IllegalArgumentException(TYPE + " activation must be named, e.g. \"relu\"");
        }
        if (initializer == null) {
            initializer = activation.contains("relu") ? FanInit.HE_NORMAL.name() : FanInit.XAVIER_UNIFORM.name();
        }
    }

    public Conv2dSpec(int filters, int kernel, int stride, int padding, String activation) {
        this(filters, kernel, stride, padding, 1, activation, null);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public long[] outputShape(long[] inputShape) {
        Geometry.requireChw(TYPE, inputShape);
        return new long[] {filters, Geometry.convolved(TYPE, inputShape[1], kernel, stride, padding, dilation),
                Geometry.convolved(TYPE, inputShape[2], kernel, stride, padding, dilation)};
    }

    @Override
    public Layer build(String name, long[] inputShape, BuildContext context) {
        Geometry.requireChw(name, inputShape);
        long channels = inputShape[0];
        long area = (long) kernel * kernel;
        var weights = context.components().initializer(initializer).initialize(new long[] {kernel, kernel, channels, filters},
                channels * area, filters * area, context.dataType(), context.random().split(name + ".W"));
        return new Conv2d(name, inputShape, weights, Nd4j.zeros(context.dataType(), filters), stride, padding, dilation,
                context.components().activation(activation), context.kernels());
    }
}
