package org.ae4j.conv;

import org.ae4j.spi.BuildContext;
import org.ae4j.spi.Layer;
import org.ae4j.spi.LayerSpec;
import org.apiguardian.api.API;

/**
 * Configuration of a {@link MaxPool2d} layer ({@code "type": "max-pool2d"}).
 *
 * @param kernel  window side ≥ 1
 * @param stride  ≥ 1 (default: the kernel)
 * @param padding ≥ 0 (default 0)
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record MaxPool2dSpec(int kernel, Integer stride, Integer padding) implements LayerSpec {

    public static final String TYPE = "max-pool2d";

    public MaxPool2dSpec {
        Geometry.requirePositive(TYPE, "kernel", kernel);
        stride = stride == null ? kernel : stride;
        padding = padding == null ? 0 : padding;
        Geometry.requirePositive(TYPE, "stride", stride);
        Geometry.requireNonNegative(TYPE, "padding", padding);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public long[] outputShape(long[] inputShape) {
        Geometry.requireChw(TYPE, inputShape);
        return new long[] {inputShape[0], Geometry.convolved(TYPE, inputShape[1], kernel, stride, padding, 1),
                Geometry.convolved(TYPE, inputShape[2], kernel, stride, padding, 1)};
    }

    @Override
    public Layer build(String name, long[] inputShape, BuildContext context) {
        return new MaxPool2d(name, inputShape, kernel, stride, padding);
    }
}
