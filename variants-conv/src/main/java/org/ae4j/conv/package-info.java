/**
 * Layers over NCHW images (convolution, transposed convolution, pooling, upsampling, reshape, flatten)
 * and the {@code conv} variant.
 */
package org.ae4j.conv;
