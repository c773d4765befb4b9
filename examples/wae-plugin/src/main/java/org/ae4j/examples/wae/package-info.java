/**
 * A Wasserstein autoencoder (WAE-MMD) written as a third-party plug-in: the worked example of
 * docs/architecture.md.
 */
package org.ae4j.examples.wae;
