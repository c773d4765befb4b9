package org.ae4j.persist;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Pattern;
import org.ae4j.data.NpyHeader;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * NumPy's {@code .npy} format (version 1.0) for float32 and float64 arrays in C order, written and
 * parsed in Java so that a damaged file can never reach native code. Files open in NumPy with
 * {@code numpy.load}. {@link #write} also writes int32 arrays (e.g. index orders handed to another
 * program); model files hold only floats, and {@link #read} accepts nothing else.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern HEADER = Pattern.compile(
            "\\{'descr': '(<f4|<f8)', 'fortran_order': False, 'shape': \\(([0-9, ]*)\\), \\}\\s*");

    private Npy() {
    }

    /** The {@code .npy} bytes of a FLOAT, DOUBLE or INT array (written in C order whatever its own order). */
    public static byte[] write(INDArray array) {
        DataType type = array.dataType();
        if (type != DataType.FLOAT && type != DataType.DOUBLE && type != DataType.INT) {
            throw new IllegalArgumentException(".npy export supports FLOAT, DOUBLE and INT arrays, got " + type);
        }
        long[] shape = array.shape();
        StringBuilder dims = new StringBuilder();
        for (long d : shape) {
            dims.append(d).append(", ");
        }
        String shapeText = shape.length == 1 ? shape[0] + "," : dims.length() == 0 ? "" : dims.substring(0, dims.length() - 2);
        String header = "{'descr': '" + descriptor(type) + "', 'fortran_order': False, 'shape': ("
                + shapeText + "), }";
        int unpadded = MAGIC.length + 2 + 2 + header.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String fullHeader = header + " ".repeat(padding) + "\n";
        int width = type == DataType.DOUBLE ? 8 : 4;
        long length = array.length();
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(MAGIC.length + 4 + fullHeader.length() + length * width))
                .order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) fullHeader.length());
        out.put(fullHeader.getBytes(StandardCharsets.US_ASCII));
        INDArray flat = array.dup('c').reshape(length);
        if (type == DataType.FLOAT) {
            for (float v : flat.toFloatVector()) {
                out.putFloat(v);
            }
        } else if (type == DataType.INT) {
            for (int v : flat.toIntVector()) {
                out.putInt(v);
            }
        } else {
            for (double v : flat.toDoubleVector()) {
                out.putDouble(v);
            }
        }
        return out.array();
    }

    private static String descriptor(DataType type) {
        return switch (type) {
            case FLOAT -> "<f4";
            case DOUBLE -> "<f8";
            default -> "<i4";
        };
    }

    /**
     * Parses {@code bytes}, which must hold exactly one float32 or float64 array of {@code expectedShape}.
     *
     * @throws ModelFileException naming {@code source} on any deviation from the format
     */
    public static INDArray read(byte[] bytes, long[] expectedShape, String source) throws ModelFileException {
        NpyHeader header;
        try {
            header = NpyHeader.parse(bytes, bytes.length, source);
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(e.getMessage(), e);
        }
        if (!header.descr().equals("<f4") && !header.descr().equals("<f8")) {
            throw new ModelFileException(source + ": parameters are little-endian float32 or float64, got " + header.descr());
        }
        long[] shape = header.shape();
        if (!Arrays.equals(shape, expectedShape)) {
            throw new ModelFileException(source + " holds an array of shape " + Arrays.toString(shape) + ", expected "
                    + Arrays.toString(expectedShape));
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).position((int) header.dataOffset());
        int count = (int) header.count();
        if (header.descr().equals("<f4")) {
            float[] values = new float[count];
            in.asFloatBuffer().get(values);
            return Nd4j.create(values, shape, DataType.FLOAT);
        }
        double[] values = new double[count];
        in.asDoubleBuffer().get(values);
        return Nd4j.create(values, shape, 'c');
    }
}
