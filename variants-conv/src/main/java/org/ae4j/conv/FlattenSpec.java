package org.ae4j.conv;

import java.util.Arrays;
import org.ae4j.spi.BuildContext;
import org.ae4j.spi.Layer;
import org.ae4j.spi.LayerSpec;
import org.apiguardian.api.API;

/** A {@link Reshape} to flat features ({@code "type": "flatten"}), e.g. {@code [32, 7, 7] → [1568]}. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record FlattenSpec() implements LayerSpec {

    public static final String TYPE = "flatten";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public long[] outputShape(long[] inputShape) {
        return new long[] {Arrays.stream(inputShape).reduce(1, Math::multiplyExact)};
    }

    @Override
    public Layer build(String name, long[] inputShape, BuildContext context) {
        return new Reshape(name, inputShape, outputShape(inputShape));
    }
}
