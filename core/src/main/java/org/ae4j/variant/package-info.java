/**
 * Variant recipes: a name, a default architecture ({@link org.ae4j.variant.VariantSpec}) and how to
 * train it; {@link org.ae4j.variant.DenseAutoencoderSpec}, the architecture of the dense variants.
 */
package org.ae4j.variant;
