/**
 * Penalties on parameters: weight decay.
 */
package org.ae4j.regularize;
