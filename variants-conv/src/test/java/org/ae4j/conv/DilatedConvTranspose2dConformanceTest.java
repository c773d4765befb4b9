package org.ae4j.conv;

import org.ae4j.spi.LayerSpec;
import org.ae4j.testkit.LayerConformance;

/** The lone-layer suite, applied to a strided, dilated transposed convolution with padding and output padding. */
class DilatedConvTranspose2dConformanceTest extends LayerConformance {
    @Override
    protected LayerSpec spec() {
        return new ConvTranspose2dSpec(2, 3, 2, 2, 3, 1, 1, "tanh", null);
    }

    @Override
    protected long[] inputShape() {
        return new long[] {3, 4, 5};
    }
}
