package org.ae4j.examples.layer;

import org.ae4j.spi.LayerSpec;
import org.ae4j.testkit.LayerConformance;

/** The lone-layer suite — JSON, shapes, seeds, untouched inputs, finite differences — on the example layer. */
class AffineConformanceTest extends LayerConformance {
    @Override
    protected LayerSpec spec() {
        return new AffineSpec();
    }

    @Override
    protected long[] inputShape() {
        return new long[] {5};
    }
}
