/**
 * The {@code ae4j} command.
 */
package org.ae4j.cli;
