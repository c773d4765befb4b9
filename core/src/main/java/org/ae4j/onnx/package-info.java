/**
 * ONNX export of trained models ({@link org.ae4j.onnx.OnnxExport}): the encoder, the decoder, the whole model or its
 * anomaly score as an ONNX graph that ONNX Runtime reproduces within 1e-5, written with the ONNX schema's protobuf
 * classes. Components write themselves through {@link org.ae4j.spi.OnnxGraph}.
 */
package org.ae4j.onnx;
