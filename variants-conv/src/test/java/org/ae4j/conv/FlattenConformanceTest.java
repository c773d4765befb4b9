package org.ae4j.conv;

import org.ae4j.spi.LayerSpec;
import org.ae4j.testkit.LayerConformance;

/** The lone-layer suite, applied to a flatten. */
class FlattenConformanceTest extends LayerConformance {
    @Override
    protected LayerSpec spec() {
        return new FlattenSpec();
    }

    @Override
    protected long[] inputShape() {
        return new long[] {2, 3, 4};
    }
}
