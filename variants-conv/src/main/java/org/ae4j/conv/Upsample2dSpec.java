package org.ae4j.conv;

import org.ae4j.spi.BuildContext;
import org.ae4j.spi.Layer;
import org.ae4j.spi.LayerSpec;
import org.apiguardian.api.API;

/**
 * Configuration of an {@link Upsample2d} layer ({@code "type": "upsample2d"}).
 *
 * @param factor the integer scale ≥ 1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Upsample2dSpec(int factor) implements LayerSpec {

    public static final String TYPE = "upsample2d";

    public Upsample2dSpec {
        Geometry.requirePositive(TYPE, "factor", factor);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public long[] outputShape(long[] inputShape) {
        Geometry.requireChw(TYPE, inputShape);
        return new long[] {inputShape[0], inputShape[1] * factor, inputShape[2] * factor};
    }

    @Override
    public Layer build(String name, long[] inputShape, BuildContext context) {
        return new Upsample2d(name, inputShape, factor);
    }
}
