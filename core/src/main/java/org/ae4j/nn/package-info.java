/**
 * Dense layers, activations, weight initializers, the identity bottleneck and {@link
 * org.ae4j.nn.Sequential}, the chain of layers that serves as encoder or decoder.
 */
package org.ae4j.nn;
