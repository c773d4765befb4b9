/**
 * The {@code .ae4j} model file (a checksummed zip written atomically), checkpoints and the provenance
 * saved with a model.
 */
package org.ae4j.persist;
