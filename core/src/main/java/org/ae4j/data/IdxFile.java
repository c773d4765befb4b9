package org.ae4j.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.apiguardian.api.API;

/**
 * An IDX file of unsigned bytes (the MNIST family's format), raw or gzip-compressed (recognised by
 * its magic bytes, not its name).
 *
 * <p>Format: two zero bytes, a type code ({@code 0x08} = unsigned byte, the only one the MNIST family
 * uses), the number of dimensions, each dimension as a big-endian int32, then the data in C order.
 * Every header field is validated, and a file with fewer or more data bytes than its header declares
 * is rejected.
 *
 * @param dimensions the sizes from the header, e.g. {@code [60000, 28, 28]}
 * @param data       the values, {@code 0 … 255} stored as Java bytes (read with {@code & 0xFF})
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record IdxFile(int[] dimensions, byte[] data) {

    /** The IDX type code of unsigned bytes. */
    public static final int UNSIGNED_BYTE = 0x08;

    public IdxFile {
        dimensions = dimensions.clone();
    }

    @Override
    public int[] dimensions() {
        return dimensions.clone();
    }

    /** Value {@code i} (flat index) as 0…255. */
    public int unsigned(int i) {
        return data[i] & 0xFF;
    }

    public static IdxFile read(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return read(in, path.toString());
        }
    }

    /**
     * Reads an IDX file from {@code in}, gunzipping it if it starts with the gzip magic bytes.
     *
     * @param source a name for error messages
     * @throws IdxFormatException if the content is not a well-formed unsigned-byte IDX file
     */
    public static IdxFile read(InputStream in, String source) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
        buffered.mark(2);
        int b0 = buffered.read();
        int b1 = buffered.read();
        buffered.reset();
        try {
            InputStream raw = (b0 == 0x1f && b1 == 0x8b) ? new BufferedInputStream(new GZIPInputStream(buffered), 1 << 16) : buffered;
            DataInputStream data = new DataInputStream(raw);
            int zero0 = data.readUnsignedByte();
            int zero1 = data.readUnsignedByte();
            if (zero0 != 0 || zero1 != 0) {
                throw new IdxFormatException(String.format("%s is not an IDX file: its magic number must start with "
                        + "0x0000, got 0x%02x%02x", source, zero0, zero1));
            }
            int type = data.readUnsignedByte();
            if (type != UNSIGNED_BYTE) {
                throw new IdxFormatException(String.format("%s: IDX type 0x%02x is not supported; expected 0x08 "
                        + "(unsigned byte)", source, type));
            }
            int rank = data.readUnsignedByte();
            if (rank < 1 || rank > 4) {
                throw new IdxFormatException(source + ": IDX dimension count must be 1 to 4, got " + rank);
            }
            int[] dims = new int[rank];
            long total = 1;
            for (int i = 0; i < rank; i++) {
                dims[i] = data.readInt();
                if (dims[i] <= 0) {
                    throw new IdxFormatException(source + ": IDX dimension " + i + " must be > 0, got " + dims[i]);
                }
                total *= dims[i];
                if (total > Integer.MAX_VALUE - 8) {
                    throw new IdxFormatException(source + ": IDX dimensions " + Arrays.toString(Arrays.copyOf(dims, i + 1))
                            + " describe more than 2^31 values");
                }
            }
            byte[] values = data.readNBytes((int) total);             // grows with the bytes present, not with the header's promise
            if (values.length < total) {
                throw new IdxFormatException(source + " is truncated: its header " + Arrays.toString(dims) + " promises "
                        + total + " data bytes, but only " + values.length + " are present");
            }
            if (data.read() != -1) {
                throw new IdxFormatException(source + " has bytes after the " + values.length
                        + " data bytes its header " + Arrays.toString(dims) + " describes");
            }
            return new IdxFile(dims, values);
        } catch (EOFException e) {
            throw new IdxFormatException(source + " is truncated: it ends inside the IDX header");
        } catch (java.util.zip.ZipException e) {
            throw new IdxFormatException(source + " is a corrupt gzip stream: " + e.getMessage());
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdxFile other && Arrays.equals(dimensions, other.dimensions) && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(dimensions) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "IdxFile" + Arrays.toString(dimensions);
    }
}
