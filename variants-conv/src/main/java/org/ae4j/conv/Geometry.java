package org.ae4j.conv;

import java.util.Arrays;

/** Shape arithmetic and checks shared by the convolutional layers (NCHW, square kernels). */
final class Geometry {

    private Geometry() {
    }

    /** Requires a per-example shape {@code [channels, height, width]}. */
    static long[] requireChw(String layer, long[] shape) {
        if (shape.length != 3 || Arrays.stream(shape).anyMatch(d -> d < 1)) {
            throw new IllegalArgumentException("layer '" + layer + "' expects images [channels, height, width], got "
                    + Arrays.toString(shape) + "; reshape flat inputs first (\"type\": \"reshape\")");
        }
        return shape;
    }

    /** Output size of a convolution: {@code ⌊(n + 2p − d(k − 1) − 1) / s⌋ + 1}. */
    static long convolved(String layer, long n, int kernel, int stride, int padding, int dilation) {
        long out = (n + 2L * padding - (long) dilation * (kernel - 1) - 1) / stride + 1;
        if (n + 2L * padding - (long) dilation * (kernel - 1) - 1 < 0 || out < 1) {
            throw new IllegalArgumentException("layer '" + layer + "': a " + kernel + "×" + kernel + " kernel (dilation "
                    + dilation + ", padding " + padding + ") does not fit an input of size " + n);
        }
        return out;
    }

    /** Output size of a transposed convolution: {@code (n − 1)s − 2p + d(k − 1) + outputPadding + 1}. */
    static long transposed(long n, int kernel, int stride, int padding, int dilation, int outputPadding) {
        return (n - 1) * stride - 2L * padding + (long) dilation * (kernel - 1) + outputPadding + 1;
    }

    static void requirePositive(String type, String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(type + " " + name + " must be >= 1, got " + value);
        }
    }

    static void requireNonNegative(String type, String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(type + " " + name + " must be >= 0, got " + value);
        }
    }

    static void requireBatch(String layer, long[] expected, org.nd4j.linalg.api.ndarray.INDArray input) {
        long[] shape = input.shape();
        if (shape.length != expected.length + 1 || !Arrays.equals(Arrays.copyOfRange(shape, 1, shape.length), expected)) {
            throw new IllegalArgumentException("layer '" + layer + "' expects input [batch, "
                    + Arrays.toString(expected).replaceAll("[\\[\\]]", "") + "], got " + Arrays.toString(shape));
        }
    }
}
