/**
 * The comparative benchmark and the side-by-side comparison with PyTorch.
 */
package org.ae4j.bench;
