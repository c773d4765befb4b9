package org.ae4j.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * The header of a NumPy {@code .npy} array (format versions 1, 2 and 3): element type, order and shape, and
 * where the data starts — parsed and checked before anything is allocated. The header is capped at 64 KB.
 *
 * @param descr       the element type, e.g. {@code <f4}
 * @param shape       the dimensions
 * @param dataOffset  where the elements start, in bytes from the file's start
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record NpyHeader(String descr, long[] shape, long dataOffset) {

    /** Bytes per element of each element type read: little-endian floats and integers, and bytes. */
    public static final Map<String, Integer> WIDTHS = Map.of("<f4", 4, "<f8", 8, "<i4", 4, "<i8", 8, "|u1", 1, "|i1", 1, "<u2", 2,
            "<i2", 2);

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int MAX_HEADER = 64 * 1024;
    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([<>|=][a-z][0-9]+)'");
    private static final Pattern ORDER = Pattern.compile("'fortran_order':\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([0-9,\\s]*)\\)");

    public NpyHeader {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Elements the shape holds. */
    public long count() {
        return Arrays.stream(shape).reduce(1, Math::multiplyExact);
    }

    /** Bytes per element. */
    public int width() {
        return WIDTHS.get(descr);
    }

    /**
     * Parses the header at the start of {@code prefix} (the file's first bytes, at least the whole header) and
     * checks that {@code size} bytes in all hold exactly the declared elements.
     *
     * @throws IllegalArgumentException naming {@code source} and what is wrong
     */
    public static NpyHeader parse(byte[] prefix, long size, String source) {
        if (prefix.length < 10 || !Arrays.equals(Arrays.copyOf(prefix, 6), MAGIC)) {
            throw new IllegalArgumentException(source + " is not a NumPy .npy array (no \\x93NUMPY magic)");
        }
        int major = prefix[6];
        ByteBuffer in = ByteBuffer.wrap(prefix).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength;
        int start;
        if (major == 1) {
            headerLength = Short.toUnsignedInt(in.getShort(8));
            start = 10;
        } else if (major == 2 || major == 3) {
            if (prefix.length < 12) {
                throw new IllegalArgumentException(source + ": .npy header is truncated");
            }
            headerLength = Integer.toUnsignedLong(in.getInt(8));
            start = 12;
        } else {
            throw new IllegalArgumentException(source + ": .npy format version " + major + " is not one of 1, 2, 3");
        }
        if (headerLength > MAX_HEADER) {
            throw new IllegalArgumentException(source + ": .npy header of " + headerLength + " bytes is over the " + MAX_HEADER + " allowed");
        }
        if (start + headerLength > prefix.length || start + headerLength > size) {
            throw new IllegalArgumentException(source + ": .npy header is truncated");
        }
        String header = new String(prefix, start, (int) headerLength, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher descr = DESCR.matcher(header);
        Matcher order = ORDER.matcher(header);
        Matcher shape = SHAPE.matcher(header);
        if (!descr.find() || !order.find() || !shape.find()) {
            throw new IllegalArgumentException(source + ": malformed .npy header " + header.strip());
        }
        String type = descr.group(1).replace("=", "<");
        if (!WIDTHS.containsKey(type)) {
            throw new IllegalArgumentException(source + ": elements of type " + descr.group(1) + " are not read; "
                    + "numbers are: " + String.join(", ", List.copyOf(new java.util.TreeSet<>(WIDTHS.keySet()))));
        }
        if (order.group(1).equals("True")) {
            throw new IllegalArgumentException(source + " is in Fortran order; save it in C order (numpy.ascontiguousarray)");
        }
        long[] dims;
        try {
            dims = Arrays.stream(shape.group(1).split(",")).map(String::strip).filter(t -> !t.isEmpty()).mapToLong(Long::parseLong).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + ": malformed .npy shape (" + shape.group(1) + ")", e);
        }
        NpyHeader parsed = new NpyHeader(type, dims, start + headerLength);
        long count;
        try {
            count = parsed.count();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(source + ": the .npy shape " + Arrays.toString(dims) + " overflows", e);
        }
        long expected;
        try {
            expected = Math.addExact(parsed.dataOffset(), Math.multiplyExact(count, parsed.width()));
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(source + ": the .npy shape " + Arrays.toString(dims) + " overflows", e);
        }
        if (expected != size) {
            throw new IllegalArgumentException(source + " has " + (size - parsed.dataOffset()) + " data bytes, but its shape "
                    + Arrays.toString(dims) + " of " + type + " needs " + (expected - parsed.dataOffset()) + " (truncated or padded?)");
        }
        return parsed;
    }
}
