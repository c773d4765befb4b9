/**
 * ae4j on Apache Spark: {@link org.ae4j.spark.AutoencoderEstimator} trains an autoencoder on a {@code DataFrame} —
 * synchronously, either by aggregating the executors' gradients every step or by averaging the parameters of
 * K local steps — and {@link org.ae4j.spark.AutoencoderModel} scores, encodes and reconstructs the rows of a
 * {@code DataFrame}, the model's file broadcast once and loaded once per executor JVM. Both are Spark ML pipeline
 * stages, saved and loaded with Spark ML's own persistence, the {@code .ae4j} model file kept inside.
 */
package org.ae4j.spark;
