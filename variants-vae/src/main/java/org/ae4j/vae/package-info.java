/**
 * The variational autoencoder: the Gaussian bottleneck with the reparameterisation trick, likelihoods,
 * and {@link org.ae4j.vae.Vae} for sampling, interpolation, the ELBO and importance-weighted bounds.
 */
package org.ae4j.vae;
