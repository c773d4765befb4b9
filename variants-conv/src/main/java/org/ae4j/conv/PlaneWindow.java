package org.ae4j.conv;

import java.nio.FloatBuffer;
import org.ae4j.kernel.NativeFloats;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The window {@code [top, top + H) × [left, left + W)} of each plane of an NCHW array {@code [N, C, H', W']}, copied
 * out to or in from an array {@code [N, C, H, W]}: a transposed convolution's crop and its gradient. Float arrays in C
 * order are copied row by row over their native memory (ND4J's strided copy took ~3 % of a conv training step); other
 * arrays go through ND4J's views.
 */
final class PlaneWindow {

    private PlaneWindow() {
    }

    /** {@code window[n, c, h, w] ← planes[n, c, top + h, left + w]}. */
    static void copyOut(INDArray planes, int top, int left, INDArray window) {
        if (!NativeFloats.plain(planes, window)) {
            window.assign(planes.get(indices(window, top, left)));
            return;
        }
        copy(NativeFloats.floats(planes), NativeFloats.floats(window), planes, window, top, left, true);
    }

    /** {@code planes[n, c, top + h, left + w] ← window[n, c, h, w]}; the rest of {@code planes} is left as it is. */
    static void copyIn(INDArray window, INDArray planes, int top, int left) {
        if (!NativeFloats.plain(planes, window)) {
            planes.get(indices(window, top, left)).assign(window);
            return;
        }
        copy(NativeFloats.floats(planes), NativeFloats.floats(window), planes, window, top, left, false);
    }

    private static void copy(FloatBuffer full, FloatBuffer part, INDArray planes, INDArray window, int top, int left, boolean out) {
        int count = Math.toIntExact(window.size(0) * window.size(1));
        int height = (int) window.size(2);
        int width = (int) window.size(3);
        int fullHeight = (int) planes.size(2);
        int fullWidth = (int) planes.size(3);
        if (planes.size(0) != window.size(0) || planes.size(1) != window.size(1) || top + height > fullHeight
                || left + width > fullWidth) {
            throw new IllegalArgumentException("a window " + java.util.Arrays.toString(window.shape()) + " at (" + top + ", "
                    + left + ") does not fit planes " + java.util.Arrays.toString(planes.shape()));
        }
        for (int p = 0; p < count; p++) {
            int fullRow = (p * fullHeight + top) * fullWidth + left;
            int partRow = p * height * width;
            for (int h = 0; h < height; h++, fullRow += fullWidth, partRow += width) {
                if (out) {
                    part.put(partRow, full, fullRow, width);
                } else {
                    full.put(fullRow, part, partRow, width);
                }
            }
        }
        java.lang.ref.Reference.reachabilityFence(planes);
        java.lang.ref.Reference.reachabilityFence(window);
    }

    private static INDArrayIndex[] indices(INDArray window, int top, int left) {
        return new INDArrayIndex[] {NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(top, top + window.size(2)),
                NDArrayIndex.interval(left, left + window.size(3))};
    }
}
