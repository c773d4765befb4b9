package org.ae4j.kernel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Per-thread rows that let the row kernels of {@link VectorKernels} work on arrays of channels: an example
 * {@code [channels, plane]} is one row of {@code channels·plane} values, whose bias row repeats each channel's bias
 * over its plane, and whose column sums add up, plane by plane, to the channels' bias gradients.
 */
final class ChannelRows {

    private static final ThreadLocal<ByteBuffer[]> ROWS = ThreadLocal.withInitial(() -> new ByteBuffer[2]);

    private ChannelRows() {
    }

    /** The bias row {@code [channels·plane]}: {@code bias[c]} over plane {@code c} (zeros when {@code bias} is null). */
    static ByteBuffer spread(INDArray bias, int channels, int width) {
        ByteBuffer row = row(0, width);
        FloatBuffer values = row.asFloatBuffer();
        FloatBuffer b = bias == null ? null : NativeFloats.floats(bias);
        int plane = width / channels;
        for (int c = 0; c < channels; c++) {
            float v = b == null ? 0f : b.get(c);
            for (int i = c * plane; i < (c + 1) * plane; i++) {
                values.put(i, v);
            }
        }
        java.lang.ref.Reference.reachabilityFence(bias);
        return row;
    }

    /** A row of {@code width} zeros, for column sums. */
    static ByteBuffer zeros(int width) {
        ByteBuffer row = row(1, width);
        FloatBuffer values = row.asFloatBuffer();
        for (int i = 0; i < width; i++) {
            values.put(i, 0f);
        }
        return row;
    }

    /** {@code target[c] += Σ sums[c·plane … (c+1)·plane)}, summed in float in order. */
    static void addPlaneSums(ByteBuffer sums, int channels, int width, ByteBuffer target) {
        int plane = width / channels;
        for (int c = 0; c < channels; c++) {
            float s = 0f;
            for (int i = c * plane; i < (c + 1) * plane; i++) {
                s += sums.getFloat(4 * i);
            }
            target.putFloat(4 * c, target.getFloat(4 * c) + s);
        }
    }

    private static ByteBuffer row(int which, int width) {
        ByteBuffer[] rows = ROWS.get();
        ByteBuffer row = rows[which];
        if (row == null || row.capacity() < 4 * width) {
            row = ByteBuffer.allocateDirect(4 * width).order(ByteOrder.nativeOrder());
            rows[which] = row;
        }
        return row;
    }
}
