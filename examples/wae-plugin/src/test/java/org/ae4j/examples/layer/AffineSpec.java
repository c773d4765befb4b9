package org.ae4j.examples.layer;

import java.util.Arrays;
import org.ae4j.spi.BuildContext;
import org.ae4j.spi.Layer;
import org.ae4j.spi.LayerSpec;

/** Configuration of {@link Affine}, {@code {"type": "affine"}}: it has no settings, its size is its input's. */
public record AffineSpec() implements LayerSpec {

    public static final String TYPE = "affine";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public long[] outputShape(long[] inputShape) {
        if (inputShape.length != 1) {
            throw new IllegalArgumentException("affine expects flat inputs [features], got " + Arrays.toString(inputShape));
        }
        return inputShape.clone();
    }

    @Override
    public Layer build(String name, long[] inputShape, BuildContext context) {
        return new Affine(name, outputShape(inputShape)[0], context.dataType());
    }
}
