/**
 * Low-level helpers with no knowledge of autoencoders: reused step memory, matrix products through a
 * reused op context, in-place ops that allocate nothing, the data-parallel lanes. The bottom layer: it
 * imports nothing of ae4j.
 */
package org.ae4j.util;
