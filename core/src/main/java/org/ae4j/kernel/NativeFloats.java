package org.ae4j.kernel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.ae4j.util.Layouts;
import org.apiguardian.api.API;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Direct access to the native memory of float arrays, for kernels written in Java: whether an array is
 * "plain" (float, its elements one after another in C order from its first element — views included) and
 * its elements as a buffer over that memory, without a copy.
 *
 * <p>A buffer made from a pointer does not keep its array alive: hold the array (or fence it with
 * {@link java.lang.ref.Reference#reachabilityFence}) until the last access.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class NativeFloats {

    private NativeFloats() {
    }

    /** Whether every array is a float array whose elements lie in C order one after another in its buffer. */
    public static boolean plain(INDArray... arrays) {
        for (INDArray a : arrays) {
            if (!plain(a)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code a} is a float array whose elements lie in C order one after another ({@link Layouts#consecutive}:
     * a single row {@code [1, n]} that ND4J calls 'f' counts, else a row took the ND4J fallback while its batch did not,
     * and their scores differed in the last bit).
     */
    public static boolean plain(INDArray a) {
        if (a.dataType() != DataType.FLOAT || a.isEmpty() || !Layouts.consecutive(a)) {
            return false;
        }
        Pointer memory = a.data().pointer();
        long end = a.offset() + a.length();
        return memory != null && memory.position() == 0 && memory.limit() >= end && end * 4 <= Integer.MAX_VALUE;
    }

    /** The elements of a {@link #plain} array as a direct byte buffer in native order, from its first element. */
    public static ByteBuffer bytes(INDArray a) {
        requirePlain(a);
        ByteBuffer whole = a.data().pointer().asByteBuffer();
        int start = Math.toIntExact(a.offset() * 4);
        return whole.position(start).limit(start + Math.toIntExact(a.length() * 4)).slice().order(ByteOrder.nativeOrder());
    }

    /** The elements of a {@link #plain} array as a float buffer over its native memory. */
    public static FloatBuffer floats(INDArray a) {
        return bytes(a).asFloatBuffer();
    }

    private static void requirePlain(INDArray a) {
        if (!plain(a)) {
            throw new IllegalArgumentException("a float array in C order with default strides is needed, got "
                    + a.dataType() + " " + a.shapeInfoToString().replace('\n', ' '));
        }
    }
}
