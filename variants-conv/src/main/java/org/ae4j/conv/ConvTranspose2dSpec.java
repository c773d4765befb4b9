package org.ae4j.conv;

import org.ae4j.nn.FanInit;
import org.ae4j.spi.BuildContext;
import org.ae4j.spi.Layer;
import org.ae4j.spi.LayerSpec;
import org.apiguardian.api.API;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Configuration of a {@link ConvTranspose2d} layer ({@code "type": "conv-transpose2d"}).
 *
 * @param filters       output channels ≥ 1
 * @param kernel        square kernel side ≥ 1
 * @param stride        ≥ 1 (default 1)
 * @param padding       ≥ 0 (default 0)
 * @param dilation      ≥ 1 (default 1)
 * @param outputPadding extra rows (and, unless given separately, columns) at the end, 0 ≤ q ≤ padding (default 0)
 * @param outputPaddingWidth extra columns at the end, 0 ≤ q ≤ padding (default: outputPadding)
 * @param activation    registered activation name
 * @param initializer   registered initializer name; default he-normal for the ReLU family, else xavier-uniform
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ConvTranspose2dSpec(int filters, int kernel, Integer stride, Integer padding, Integer dilation,
                                  Integer outputPadding, Integer outputPaddingWidth, String activation, String initializer)
        implements LayerSpec {

    public static final String TYPE = "conv-transpose2d";

    public ConvTranspose2dSpec {
        Geometry.requirePositive(TYPE, "filters", filters);
        Geometry.requirePositive(TYPE, "kernel", kernel);
        stride = stride == null ? 1 : stride;
        padding = padding == null ? 0 : padding;
        dilation = dilation == null ? 1 : dilation;
        outputPadding = outputPadding == null ? 0 : outputPadding;
        outputPaddingWidth = outputPaddingWidth == null ? outputPadding : outputPaddingWidth;
        Geometry.requirePositive(TYPE, "stride", stride);
        Geometry.requireNonNegative(TYPE, "padding", padding);
        Geometry.requirePositive(TYPE, "dilation", dilation);
        Geometry.requireNonNegative(TYPE, "outputPadding", outputPadding);
        Geometry.requireNonNegative(TYPE, "outputPaddingWidth", outputPaddingWidth);
        if (outputPadding > padding || outputPaddingWidth > padding) {
            throw new IllegalArgumentException(TYPE + " outputPadding " + outputPadding + (outputPaddingWidth.equals(outputPadding)
                    ? "" : "×" + outputPaddingWidth) + " must not exceed padding " + padding);
        }
        if (activation == null || activation.isBlank()) {
            throw new IllegalArgumentException(TYPE + " activation must be named, e.g. \"relu\"");
        }
        if (initializer == null) {
            initializer = activation.contains("relu") ? FanInit.HE_NORMAL.name() : FanInit.XAVIER_UNIFORM.name();
        }
    }

    public ConvTranspose2dSpec(int filters, int kernel, int stride, int padding, int outputPadding, String activation) {
        this(filters, kernel, stride, padding, 1, outputPadding, outputPadding, activation, null);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public long[] outputShape(long[] inputShape) {
        Geometry.requireChw(TYPE, inputShape);
        return new long[] {filters, Geometry.transposed(inputShape[1], kernel, stride, padding, dilation, outputPadding),
                Geometry.transposed(inputShape[2], kernel, stride, padding, dilation, outputPaddingWidth)};
    }

    @Override
    public Layer build(String name, long[] inputShape, BuildContext context) {
        Geometry.requireChw(name, inputShape);
        long channels = inputShape[0];
        long area = (long) kernel * kernel;
        var weights = context.components().initializer(initializer).initialize(new long[] {kernel, kernel, filters, channels},
                channels * area, filters * area, context.dataType(), context.random().split(name + ".W"));
        return new ConvTranspose2d(name, inputShape, weights, Nd4j.zeros(context.dataType(), filters), stride, padding,
                dilation, outputPadding, outputPaddingWidth, context.components().activation(activation), context.kernels());
    }
}
