/**
 * The entry point: {@link org.ae4j.Ae4j#registry()} discovers the plug-ins and builds the registry.
 * The packages below form layers that point one way (see docs/architecture.md).
 */
package org.ae4j;
