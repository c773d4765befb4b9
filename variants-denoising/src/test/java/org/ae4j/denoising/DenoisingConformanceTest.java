package org.ae4j.denoising;

import org.ae4j.testkit.VariantConformance;

/** The shared conformance suite, applied to the {@code denoising} variant. */
class DenoisingConformanceTest extends VariantConformance {

    @Override
    protected String variantName() {
        return "denoising";
    }
}
