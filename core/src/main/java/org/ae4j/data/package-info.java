/**
 * Data sets in memory, readers of IDX and CSV files, the Fashion-MNIST loader with its embedded
 * sample, and min–max normalisation.
 */
package org.ae4j.data;
