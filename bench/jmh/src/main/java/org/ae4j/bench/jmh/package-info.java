/**
 * JMH benchmarks of the hot paths.
 */
package org.ae4j.bench.jmh;
