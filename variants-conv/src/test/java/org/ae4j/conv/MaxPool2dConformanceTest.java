package org.ae4j.conv;

import org.ae4j.spi.LayerSpec;
import org.ae4j.testkit.LayerConformance;

/** The lone-layer suite, applied to an overlapping, padded max-pool. */
class MaxPool2dConformanceTest extends LayerConformance {
    @Override
    protected LayerSpec spec() {
        return new MaxPool2dSpec(3, 2, 1);
    }

    @Override
    protected long[] inputShape() {
        return new long[] {2, 7, 6};
    }
}
