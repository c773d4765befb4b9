package org.ae4j.vanilla;

import org.ae4j.nn.IdentityBottleneckSpec;
import org.ae4j.spi.BottleneckSpec;
import org.ae4j.testkit.BottleneckConformance;

/** The lone-bottleneck suite, applied to the identity (the plain autoencoder's code). */
class IdentityBottleneckConformanceTest extends BottleneckConformance {
    @Override
    protected BottleneckSpec spec() {
        return new IdentityBottleneckSpec();
    }
}
