package org.ae4j.conv;

import java.util.List;
import org.ae4j.spi.BuildContext;
import org.ae4j.spi.Layer;
import org.ae4j.spi.LayerSpec;
import org.apiguardian.api.API;

/**
 * Configuration of a {@link Reshape} layer ({@code "type": "reshape", "shape": [1, 28, 28]}).
 *
 * @param shape the per-example output shape
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ReshapeSpec(List<Long> shape) implements LayerSpec {

    public static final String TYPE = "reshape";

    public ReshapeSpec {
        shape = List.copyOf(shape);
        if (shape.isEmpty() || shape.stream().anyMatch(d -> d < 1)) {
            throw new IllegalArgumentException("reshape shape must be non-empty positive sizes, got " + shape);
        }
    }

    public static ReshapeSpec of(long... shape) {
        return new ReshapeSpec(java.util.Arrays.stream(shape).boxed().toList());
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public long[] outputShape(long[] inputShape) {
        return new Reshape(TYPE, inputShape, target()).outputShape();
    }

    @Override
    public Layer build(String name, long[] inputShape, BuildContext context) {
        return new Reshape(name, inputShape, target());
    }

    private long[] target() {
        return shape.stream().mapToLong(Long::longValue).toArray();
    }
}
