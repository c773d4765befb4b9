package org.ae4j.conv;

import org.ae4j.spi.LayerSpec;
import org.ae4j.testkit.LayerConformance;

/** The lone-layer suite, applied to a strided, padded convolution. */
class Conv2dConformanceTest extends LayerConformance {
    @Override
    protected LayerSpec spec() {
        return new Conv2dSpec(3, 3, 2, 1, "tanh");
    }

    @Override
    protected long[] inputShape() {
        return new long[] {1, 6, 6};
    }
}
