/**
 * Training: the {@link org.ae4j.train.Trainer} (shuffled mini-batches, validation, early stopping,
 * clipping, the divergence guard, data-parallel workers), its configuration, listeners and evaluation.
 */
package org.ae4j.train;
