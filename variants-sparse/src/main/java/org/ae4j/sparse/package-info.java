/**
 * Sparsity penalties (KL and L1 on activations) and the {@code sparse} variant.
 */
package org.ae4j.sparse;
