package org.ae4j.sparse;

import org.ae4j.spi.RegularizerSpec;
import org.ae4j.testkit.RegularizerConformance;

/** The lone-penalty suite, applied to the L1 activity penalty. */
class L1ActivityConformanceTest extends RegularizerConformance {
    @Override
    protected RegularizerSpec spec() {
        return L1ActivitySpec.defaults();
    }
}
