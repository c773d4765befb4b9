package org.ae4j.vae;

import org.ae4j.testkit.VariantConformance;

/** The shared conformance suite, applied to the {@code vae} variant. */
class VaeConformanceTest extends VariantConformance {

    @Override
    protected String variantName() {
        return "vae";
    }
}
