/**
 * The contractive penalty (exact for one sigmoid layer, stochastic for any encoder) and the {@code
 * contractive} variant; its closed form is a kernel pair chosen through {@link
 * org.ae4j.spi.Kernels#select}.
 */
package org.ae4j.contractive;
