package org.ae4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NumpyDataTest {

    @TempDir
    Path dir;

    /** A version-1 .npy of {@code descr} and {@code shape} with the given payload, as numpy.save writes it. */
    static byte[] npy(String descr, String shape, byte[] payload) {
        String header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + shape + "), }";
        int padded = ((10 + header.length() + 1 + 63) / 64) * 64 - 10;
        header = header + " ".repeat(padded - header.length() - 1) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + padded + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) padded);
        b.put(header.getBytes(StandardCharsets.US_ASCII)).put(payload);
        return b.array();
    }

    private static byte[] floats(float... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    @Test
    void readsFloatAndByteArraysAsExamples() throws IOException {
        Path f = dir.resolve("x.npy");
        Files.write(f, npy("<f4", "2, 3", floats(1, 2, 3, 4, 5, 6)));
        Dataset d = NumpyData.read(f);
        assertThat(d.features().shape()).containsExactly(2, 3);
        assertThat(d.features().getDouble(1, 2)).isEqualTo(6);
        Path u = dir.resolve("images.npy");
        Files.write(u, npy("|u1", "2, 2, 2", new byte[] {0, 1, 2, 3, (byte) 200, (byte) 255, 6, 7}));
        assertThat(NumpyData.read(u).features().getDouble(1, 0, 1)).isEqualTo(255);
    }

    @Test
    void readsAnArchiveWithExamplesAndLabels() throws IOException {
        Path f = dir.resolve("data.npz");
        ByteBuffer y = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1).putLong(0);
        try (OutputStream out = Files.newOutputStream(f); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("x.npy"));
            zip.write(npy("<f4", "2, 2", floats(1, 2, 3, 4)));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("y.npy"));
            zip.write(npy("<i8", "2,", y.array()));
            zip.closeEntry();
        }
        Dataset d = NumpyData.read(f);
        assertThat(d.labels()).hasValueSatisfying(l -> assertThat(l).containsExactly(1, 0));
    }

    @Test
    void refusesTruncatedFilesOneDimensionalArraysAndFortranOrderBeforeAllocating() throws IOException {
        Path cut = dir.resolve("cut.npy");
        byte[] whole = npy("<f4", "100000, 100000", floats(1, 2));
        Files.write(cut, whole);
        assertThatThrownBy(() -> NumpyData.read(cut)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(cut + " has 8 data bytes, but its shape [100000, 100000] of <f4 needs 40000000000");
        Path flat = dir.resolve("flat.npy");
        Files.write(flat, npy("<f4", "2,", floats(1, 2)));
        assertThatThrownBy(() -> NumpyData.read(flat)).hasMessageContaining("examples are [n, …]");
        Path fortran = dir.resolve("f.npy");
        Files.write(fortran, new String(npy("<f4", "1, 2", floats(1, 2)), StandardCharsets.ISO_8859_1)
                .replace("False", "True ").getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> NumpyData.read(fortran)).hasMessageContaining("is in Fortran order");
        Path text = dir.resolve("t.npy");
        Files.writeString(text, "a,b\n1,2\n");
        assertThatThrownBy(() -> NumpyData.read(text)).hasMessageContaining("is not a NumPy .npy array");
    }
}
