/**
 * The {@code vanilla} variant: a deep dense autoencoder.
 */
package org.ae4j.vanilla;
