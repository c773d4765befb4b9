package org.ae4j.contractive;

import org.ae4j.spi.RegularizerSpec;
import org.ae4j.testkit.RegularizerConformance;

/** The lone-penalty suite, applied to the contractive penalty (the stochastic estimate: the encoder has a tanh layer). */
class ContractivePenaltyConformanceTest extends RegularizerConformance {
    @Override
    protected RegularizerSpec spec() {
        return new ContractiveSpec(0.5, "auto", 0.1, 1);
    }
}
