/**
 * What a plug-in's tests extend: the conformance suites of a variant, a layer, a penalty and a
 * bottleneck, the opt-in allocation check, seeded fixtures and the architecture rules a plug-in is
 * held to.
 */
package org.ae4j.testkit;
