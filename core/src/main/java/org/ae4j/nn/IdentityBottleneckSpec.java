package org.ae4j.nn;

import org.ae4j.spi.Bottleneck;
import org.ae4j.spi.BottleneckSpec;
import org.ae4j.spi.BuildContext;
import org.apiguardian.api.API;

/** Configuration of the {@link IdentityBottleneck}, {@code {"type": "identity"}}: the code is the encoder's features. */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record IdentityBottleneckSpec() implements BottleneckSpec {

    public static final String TYPE = "identity";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public long codeSize(long featureSize) {
        return featureSize;
    }

    @Override
    public Bottleneck build(long featureSize, BuildContext context) {
        return new IdentityBottleneck(featureSize);
    }
}
