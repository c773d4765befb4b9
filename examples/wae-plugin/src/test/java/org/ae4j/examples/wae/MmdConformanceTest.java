package org.ae4j.examples.wae;

import org.ae4j.spi.RegularizerSpec;
import org.ae4j.testkit.RegularizerConformance;

/** The lone-penalty suite — registration, JSON, a finite seeded value, the finite-difference gradient check — on MMD². */
class MmdConformanceTest extends RegularizerConformance {
    @Override
    protected RegularizerSpec spec() {
        return new MmdSpec(2.0);
    }
}
