package org.ae4j.conv;

/** The patch planes of a convolution's input, shared by the conv module's Java kernels for few input channels. */
final class PatchPlanes {

    private PatchPlanes() {
    }

    /**
     * {@code patch[to + y·outWidth + x] = image[from + (s·y + top)·width + s·x + left]} for every output position
     * {@code (y, x)}, 0 where that falls outside the {@code height × width} plane at {@code from}: the values one tap of a
     * convolution of stride {@code s} meets over the output, for the tap's offset {@code (top, left)}.
     */
    static void gather(float[] image, int from, int height, int width, int top, int left, int s, int outHeight, int outWidth,
                       float[] patch, int to) {
        int first = Math.max(0, Math.floorDiv(-left + s - 1, s));
        int end = Math.min(outWidth, Math.floorDiv(width - 1 - left, s) + 1);
        for (int y = 0; y < outHeight; y++) {
            int row = to + y * outWidth;
            int iy = s * y + top;
            if (iy < 0 || iy >= height || first >= end) {
                java.util.Arrays.fill(patch, row, row + outWidth, 0f);
                continue;
            }
            java.util.Arrays.fill(patch, row, row + first, 0f);
            int at = from + iy * width + left;
            for (int xo = first; xo < end; xo++) {
                patch[row + xo] = image[at + s * xo];
            }
            java.util.Arrays.fill(patch, row + end, row + outWidth, 0f);
        }
    }
}
