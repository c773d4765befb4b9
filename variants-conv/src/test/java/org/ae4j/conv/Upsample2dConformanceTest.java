package org.ae4j.conv;

import org.ae4j.spi.LayerSpec;
import org.ae4j.testkit.LayerConformance;

/** The lone-layer suite, applied to nearest-neighbour upsampling. */
class Upsample2dConformanceTest extends LayerConformance {
    @Override
    protected LayerSpec spec() {
        return new Upsample2dSpec(3);
    }

    @Override
    protected long[] inputShape() {
        return new long[] {2, 3, 4};
    }
}
