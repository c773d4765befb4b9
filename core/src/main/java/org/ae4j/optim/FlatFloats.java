package org.ae4j.optim;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Access to whole flat float arrays (a parameter block's buffers) from Java, without copies. */
final class FlatFloats {

    private FlatFloats() {
    }

    /** Whether every array is a 1-D float array that owns its whole buffer from offset 0. */
    static boolean all(INDArray... arrays) {
        for (INDArray a : arrays) {
            if (a.dataType() != DataType.FLOAT || a.rank() != 1 || a.offset() != 0 || a.elementWiseStride() != 1
                    || a.data().length() != a.length()) {
                return false;
            }
        }
        return true;
    }

    /** The array's native memory as a float buffer (valid while the array lives). */
    static FloatBuffer buffer(INDArray a) {
        return a.data().asNioFloat();
    }
}
