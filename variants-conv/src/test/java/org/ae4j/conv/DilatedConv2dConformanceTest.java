package org.ae4j.conv;

import org.ae4j.spi.LayerSpec;
import org.ae4j.testkit.LayerConformance;

/**
 * The lone-layer suite, applied to a dilated convolution with two input channels: in float it runs the spread kernel
 * (ND4J's oneDNN build cannot run dilated convolutions), which ONNX Runtime's true dilated {@code Conv} checks.
 */
class DilatedConv2dConformanceTest extends LayerConformance {
    @Override
    protected LayerSpec spec() {
        return new Conv2dSpec(4, 3, 1, 2, 2, "leaky-relu", null);
    }

    @Override
    protected long[] inputShape() {
        return new long[] {2, 7, 6};
    }
}
