package com.example.myplugin;

import org.ae4j.testkit.VariantConformance;

/** ae4j's conformance suite for the plug-in's variant: discovery, configs, seeds, gradients, inference, clashes. */
class MyVariantConformanceTest extends VariantConformance {
    @Override
    protected String variantName() {
        return MyPlugin.VARIANT;
    }
}
