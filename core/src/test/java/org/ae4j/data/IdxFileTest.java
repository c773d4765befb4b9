package org.ae4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxFileTest {

    /** An IDX file of unsigned bytes with the given dimensions and data. */
    static byte[] idx(int type, int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.put((byte) 0).put((byte) 0).put((byte) type).put((byte) dims.length);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(data);
        return b.array();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }

    static IdxFile read(byte[] bytes) throws IOException {
        return IdxFile.read(new ByteArrayInputStream(bytes), "test.idx");
    }

    private static final byte[] SIX = {0, 1, 2, (byte) 253, (byte) 254, (byte) 255};

    @Test
    void readsRawFiles() throws IOException {
        IdxFile file = read(idx(0x08, new int[] {2, 3}, SIX));
        assertThat(file.dimensions()).containsExactly(2, 3);
        assertThat(file.unsigned(5)).isEqualTo(255);
        assertThat(file.unsigned(3)).isEqualTo(253);
    }

    @Test
    void readsGzipFilesWhateverTheirName(@TempDir Path dir) throws IOException {
        Path p = dir.resolve("images.idx");
        Files.write(p, gzip(idx(0x08, new int[] {6}, SIX)));
        assertThat(IdxFile.read(p)).isEqualTo(new IdxFile(new int[] {6}, SIX));
    }

    @Test
    void rejectsWrongMagicNumber() {
        byte[] bytes = idx(0x08, new int[] {6}, SIX);
        bytes[1] = 0x03;
        assertThatThrownBy(() -> read(bytes))
                .isInstanceOf(IdxFormatException.class)
                .hasMessage("test.idx is not an IDX file: its magic number must start with 0x0000, got 0x0003");
    }

    @Test
    void rejectsUnsupportedTypes() {
        assertThatThrownBy(() -> read(idx(0x0D, new int[] {6}, SIX)))
                .isInstanceOf(IdxFormatException.class)
                .hasMessage("test.idx: IDX type 0x0d is not supported; expected 0x08 (unsigned byte)");
    }

    @Test
    void rejectsTruncatedData() {
        byte[] bytes = idx(0x08, new int[] {2, 3}, SIX);
        assertThatThrownBy(() -> read(Arrays.copyOf(bytes, bytes.length - 2)))
                .isInstanceOf(IdxFormatException.class)
                .hasMessage("test.idx is truncated: its header [2, 3] promises 6 data bytes, but only 4 are present");
    }

    @Test
    void rejectsTruncatedGzipData() throws IOException {
        byte[] gz = gzip(idx(0x08, new int[] {1000}, new byte[1000]));
        assertThatThrownBy(() -> read(Arrays.copyOf(gz, gz.length / 2)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("test.idx");
    }

    @Test
    void rejectsATruncatedHeader() {
        byte[] bytes = idx(0x08, new int[] {2, 3}, SIX);
        assertThatThrownBy(() -> read(Arrays.copyOf(bytes, 6)))
                .isInstanceOf(IdxFormatException.class)
                .hasMessage("test.idx is truncated: it ends inside the IDX header");
    }

    @Test
    void rejectsTrailingBytes() {
        byte[] bytes = idx(0x08, new int[] {5}, SIX);
        assertThatThrownBy(() -> read(bytes))
                .isInstanceOf(IdxFormatException.class)
                .hasMessage("test.idx has bytes after the 5 data bytes its header [5] describes");
    }

    @Test
    void rejectsZeroDimensions() {
        assertThatThrownBy(() -> read(idx(0x08, new int[] {0, 3}, new byte[0])))
                .isInstanceOf(IdxFormatException.class)
                .hasMessage("test.idx: IDX dimension 0 must be > 0, got 0");
    }

    @Test
    void rejectsAnEmptyFile() {
        assertThatThrownBy(() -> read(new byte[0]))
                .isInstanceOf(IdxFormatException.class)
                .hasMessage("test.idx is truncated: it ends inside the IDX header");
    }
}
