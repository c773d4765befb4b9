/**
 * Reconstruction losses: mean squared error and the logits-stable binary cross-entropy.
 */
package org.ae4j.loss;
