/**
 * The two implementations of {@link org.ae4j.spi.Kernels} — ND4J ops, and fused Vector-API loops over
 * ND4J's native memory — and the one place that chooses between them ({@link
 * org.ae4j.kernel.KernelSelection}); {@link org.ae4j.kernel.NativeFloats} and {@link
 * org.ae4j.kernel.VectorMath} help plug-ins write fused kernels of their own.
 */
package org.ae4j.kernel;
