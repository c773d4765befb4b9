/**
 * The service provider interfaces every part of a model implements — {@link org.ae4j.spi.Layer},
 * {@link org.ae4j.spi.Encoder}, {@link org.ae4j.spi.Bottleneck}, {@link org.ae4j.spi.Decoder}, {@link
 * org.ae4j.spi.Loss}, {@link org.ae4j.spi.Regularizer}, {@link org.ae4j.spi.Optimizer}, {@link
 * org.ae4j.spi.Corruption} — with their immutable specs, the values passed between them (traces,
 * codes, the forward pass) and the one seam for arithmetic, {@link org.ae4j.spi.Kernels}. It imports
 * nothing of ae4j but {@code util}.
 */
package org.ae4j.spi;
