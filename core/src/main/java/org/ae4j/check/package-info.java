/**
 * The finite-difference gradient check every differentiable part is tested with.
 */
package org.ae4j.check;
