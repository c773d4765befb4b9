package org.ae4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * NumPy arrays as data, for users coming from Python: a {@code .npy} file of examples {@code [n, …]} (floats,
 * integers or bytes, converted to float), or a {@code .npz} archive whose array {@code x} (or its only array)
 * is the examples and whose array {@code y}, when there is one, holds integer class labels. Headers are checked
 * against the bytes present before anything is allocated; elements are streamed into native memory.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class NumpyData {

    private static final int CHUNK = 1 << 16;

    private NumpyData() {
    }

    /** Whether {@code file} is named as NumPy data ({@code .npy} or {@code .npz}). */
    public static boolean isNumpy(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".npy") || name.endsWith(".npz");
    }

    /** Reads {@code file} ({@code .npy} or {@code .npz}) as examples. */
    public static Dataset read(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".npz")) {
            return readArchive(file);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return Dataset.of(examples(in, Files.size(file), file.toString()));
        }
    }

    private static Dataset readArchive(Path file) throws IOException {
        try {
            return readZip(file);
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw new IOException(file + " is not a readable .npz archive (damaged, truncated or not a zip: " + e + ")", e);
        }
    }

    private static Dataset readZip(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            List<String> arrays = new ArrayList<>();
            zip.stream().map(ZipEntry::getName).filter(n -> n.endsWith(".npy")).forEach(n -> arrays.add(n.substring(0, n.length() - 4)));
            String x = arrays.contains("x") ? "x" : arrays.size() == 1 ? arrays.get(0) : null;
            if (x == null) {
                throw new IllegalArgumentException(file + " holds the arrays " + arrays + "; name the examples 'x' (and labels 'y')");
            }
            INDArray features = entry(zip, x, file);
            if (!arrays.contains("y")) {
                return Dataset.of(features);
            }
            INDArray y = entry(zip, "y", file);
            if (y.rank() != 1 || y.length() != features.size(0)) {
                throw new IllegalArgumentException(file + ": the labels 'y' are " + Arrays.toString(y.shape()) + ", expected ["
                        + features.size(0) + "] (one per example)");
            }
            int[] labels = new int[(int) y.length()];
            for (int i = 0; i < labels.length; i++) {
                double v = y.getDouble(i);
                if (v != Math.rint(v) || v < 0) {
                    throw new IllegalArgumentException(file + ": label " + i + " of 'y' is " + v + "; labels are integers >= 0");
                }
                labels[i] = (int) v;
            }
            return Dataset.labeled(features, labels);
        }
    }

    private static INDArray entry(ZipFile zip, String name, Path file) throws IOException {
        ZipEntry entry = zip.getEntry(name + ".npy");
        String source = file + "!" + name + ".npy";
        if (entry.getSize() < 0) {
            throw new IllegalArgumentException(source + ": the archive does not state its size");
        }
        try (InputStream in = zip.getInputStream(entry)) {
            return name.equals("y") ? any(in, entry.getSize(), source) : examples(in, entry.getSize(), source);
        }
    }

    private static INDArray examples(InputStream in, long size, String source) throws IOException {
        INDArray array = any(in, size, source);
        if (array.rank() < 2 || array.size(0) == 0) {
            throw new IllegalArgumentException(source + " is an array of shape " + Arrays.toString(array.shape())
                    + "; examples are [n, …] with n >= 1 (a 1-d array holds labels?)");
        }
        return array;
    }

    /** Any array, as float, streamed from {@code in} ({@code size} bytes in all). */
    private static INDArray any(InputStream in, long size, String source) throws IOException {
        byte[] prefix = in.readNBytes((int) Math.min(size, 64 * 1024 + 12));
        NpyHeader header = NpyHeader.parse(prefix, size, source);
        long count = header.count();
        if (count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(source + " holds " + count + " values, more than one array holds (" + Integer.MAX_VALUE + ")");
        }
        if (count == 0) {
            throw new IllegalArgumentException(source + " is an empty array of shape " + Arrays.toString(header.shape()));
        }
        INDArray out;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            out = Nd4j.createUninitialized(DataType.FLOAT, header.shape().length == 0 ? new long[] {1} : header.shape());
        }
        FloatBuffer target = out.data().asNioFloat();
        int width = header.width();
        ByteBuffer pending = ByteBuffer.allocate(CHUNK * 8).order(ByteOrder.LITTLE_ENDIAN);
        pending.put(prefix, (int) header.dataOffset(), prefix.length - (int) header.dataOffset());
        long done = 0;
        while (done < count) {
            byte[] more = in.readNBytes(Math.min(pending.remaining(), CHUNK * width));
            pending.put(more);
            pending.flip();
            while (pending.remaining() >= width && done < count) {
                float v = switch (header.descr()) {
                    case "<f4" -> pending.getFloat();
                    case "<f8" -> (float) pending.getDouble();
                    case "<i4" -> pending.getInt();
                    case "<i8" -> pending.getLong();
                    case "<i2" -> pending.getShort();
                    case "<u2" -> Short.toUnsignedInt(pending.getShort());
                    case "|u1" -> Byte.toUnsignedInt(pending.get());
                    default -> pending.get();
                };
                target.put(v);
                done++;
            }
            pending.compact();
            if (more.length == 0 && done < count) {
                throw new IllegalArgumentException(source + " ends after " + done + " of its " + count + " values");
            }
        }
        return out;
    }
}
