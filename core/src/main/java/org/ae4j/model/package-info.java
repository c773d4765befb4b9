/**
 * The model: {@link org.ae4j.model.Autoencoder}, the pipeline encoder → bottleneck → decoder → loss
 * plus penalties, with one entry point per purpose (training step, gradients, objective, inference).
 */
package org.ae4j.model;
