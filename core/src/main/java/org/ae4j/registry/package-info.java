/**
 * The plug-in registry: {@link org.ae4j.registry.Contributions} (how plug-ins contribute named
 * components), {@link org.ae4j.registry.Registry} (which answers "the X named N" and knows who
 * contributed it) and core's own plug-in.
 */
package org.ae4j.registry;
