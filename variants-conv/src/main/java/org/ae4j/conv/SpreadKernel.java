package org.ae4j.conv;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A dilated kernel run as a dense one. ND4J 1.0.0-M2.1's oneDNN build cannot create float convolution primitives with
 * a dilation above 1 ({@code conv2d} fails forward, {@code deconv2d_bp} backward: "could not create a descriptor for a
 * dilated convolution"), so a layer with dilation {@code d > 1} runs with its {@code k × k} kernel spread over
 * {@code d(k − 1) + 1} taps, zeros between, at dilation 1: the same function, at {@code (d(k − 1) + 1)² / k²} times the
 * multiply-adds. Weight gradients are gathered back from the spread taps.
 */
final class SpreadKernel {

    private static final Logger LOG = LoggerFactory.getLogger(SpreadKernel.class);

    private SpreadKernel() {
    }

    /** The spread kernel's size for a {@code kernel}-tap kernel at {@code dilation}. */
    static int size(int kernel, int dilation) {
        return dilation * (kernel - 1) + 1;
    }

    /** Logs, once per layer, that the layer runs the slower spread kernel. */
    static void announce(String layer, int kernel, int dilation) {
        int spread = size(kernel, dilation);
        LOG.info("layer '{}': dilation {} runs as a {}×{} kernel with zeros between its {}×{} taps ({}× the multiply-adds): "
                + "ND4J's oneDNN build cannot run dilated convolutions", layer, dilation, spread, spread, kernel, kernel,
                String.format(java.util.Locale.ROOT, "%.1f", (double) spread * spread / (kernel * kernel)));
    }

    /** {@code weights [k, k, a, b]} spread to {@code [K, K, a, b]} with {@code K = d(k − 1) + 1}, zeros between taps. */
    static INDArray spread(INDArray weights, int dilation) {
        int kernel = (int) weights.size(0);
        int size = size(kernel, dilation);
        INDArray spread = Nd4j.zeros(weights.dataType(), size, size, weights.size(2), weights.size(3));
        spread.get(taps(size, dilation)).assign(weights);
        return spread;
    }

    /** The taps of a spread kernel's gradient, {@code [k, k, a, b]}: a view. */
    static INDArray taps(INDArray spreadGradient, int dilation) {
        return spreadGradient.get(taps((int) spreadGradient.size(0), dilation));
    }

    private static INDArrayIndex[] taps(int size, int dilation) {
        return new INDArrayIndex[] {NDArrayIndex.interval(0, dilation, size), NDArrayIndex.interval(0, dilation, size),
                NDArrayIndex.all(), NDArrayIndex.all()};
    }
}
