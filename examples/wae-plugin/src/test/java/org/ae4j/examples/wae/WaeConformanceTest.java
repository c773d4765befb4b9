package org.ae4j.examples.wae;

import org.ae4j.testkit.VariantConformance;

/** The shared conformance suite, applied to the plug-in's {@code wae} variant, exactly as to ae4j's own. */
class WaeConformanceTest extends VariantConformance {
    @Override
    protected String variantName() {
        return WaePlugin.NAME;
    }
}
