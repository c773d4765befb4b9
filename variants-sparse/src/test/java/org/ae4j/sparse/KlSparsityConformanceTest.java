package org.ae4j.sparse;

import org.ae4j.spi.RegularizerSpec;
import org.ae4j.testkit.RegularizerConformance;

/** The lone-penalty suite, applied to the KL sparsity penalty on the code. */
class KlSparsityConformanceTest extends RegularizerConformance {
    @Override
    protected RegularizerSpec spec() {
        return new KlSparsitySpec(0.1, 0.5, -1);
    }
}
