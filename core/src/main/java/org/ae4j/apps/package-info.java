/**
 * What trained models are used for: anomaly scores and thresholds, features, linear probes, ROC, and
 * PCA as a baseline.
 */
package org.ae4j.apps;
