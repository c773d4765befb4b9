package org.ae4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import org.ae4j.persist.ChecksummedZip;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files built to exhaust a reader — a zip bomb, a {@code .npy} declaring a 100,000 × 100,000 array behind a valid
 * manifest, a YAML "billion laughs", a PNG header of 100,000 × 100,000 pixels — are refused with exit code 2 and a
 * clear message, having allocated a few MB at most (counted on the calling thread, which does all the reading).
 */
class HostileFilesTest {

    /**
     * What refusing one of these files may allocate in all, the CLI's own start (picocli, the plug-in registry) included —
     * against the gigabytes the files declare.
     */
    private static final long ALLOCATED = 64L << 20;

    /** How much the heap in use, after a collection, may grow. */
    private static final long RETAINED = 4L << 20;

    @TempDir
    static Path dir;

    static Path model;

    @BeforeAll
    static void trainAModel() {
        model = CliTest.oneEpochModel(dir);
        CliTest.run("variants");                                       // classes loaded before anything is counted
    }

    /**
     * Runs the CLI, expecting exit 2 with {@code message}, having allocated less than {@link #ALLOCATED} bytes on this
     * thread (which does all the reading) and grown the heap in use by less than {@link #RETAINED}.
     */
    private static void refused(String message, String... args) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long heapBefore = heapInUse();
        long before = threads.getCurrentThreadAllocatedBytes();
        CliTest.Run run = CliTest.run(args);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        long retained = heapInUse() - heapBefore;
        CliTest.assertBadInput(run, message);
        assertThat(allocated).as("bytes allocated").isLessThan(ALLOCATED);
        assertThat(retained).as("heap growth").isLessThan(RETAINED);
    }

    private static long heapInUse() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Test
    void aZipBombIsRefusedBeforeAnythingIsInflated() throws IOException {
        Path bomb = dir.resolve("bomb.ae4j");
        byte[] gigabyte = deflatedZeros(1L << 30);
        writeStoredDeflate(bomb, 8, gigabyte, 1L << 30);
        assertThat(Files.size(bomb)).as("the bomb's size").isLessThan(10L << 20);
        refused("the size of its entries uncompressed is 8,589,934,592, more than the limit of 4,294,967,296",
                "evaluate", "--model", bomb.toString());
    }

    @Test
    void aNpyDeclaringAHugeArrayBehindAValidManifestIsRefused() throws IOException {
        Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(model.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                entries.put(e.getName(), zip.getInputStream(e).readAllBytes());
            }
        }
        assertThat(entries).containsKey("parameters/000.npy");
        String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (100000, 100000), }";
        ByteArrayOutputStream npy = new ByteArrayOutputStream();
        npy.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        String padded = header + " ".repeat(64 - (10 + header.length() + 1) % 64) + "\n";
        npy.write(padded.length() & 0xff);
        npy.write(padded.length() >> 8);
        npy.write(padded.getBytes(StandardCharsets.US_ASCII));
        npy.write(new byte[64]);
        entries.put("parameters/000.npy", npy.toByteArray());
        entries.remove(ChecksummedZip.MANIFEST);
        Path hostile = dir.resolve("huge-npy.ae4j");
        ChecksummedZip.write(hostile, entries);
        refused("parameters/000.npy", "evaluate", "--model", hostile.toString());
    }

    @Test
    void aBillionLaughsConfigIsRefused() throws IOException {
        StringBuilder yaml = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'i'; c++) {
            yaml.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                yaml.append(i == 0 ? "" : ",").append('*').append((char) (c - 1));
            }
            yaml.append("]\n");
        }
        Path laughs = Files.writeString(dir.resolve("laughs.yaml"), yaml);
        // Jackson's YAML reader never expands an alias (it reads *h as the text "h"), so nothing multiplies; the file is
        // then refused for what it is, a config without the known fields
        refused("laughs.yaml: $.a: unknown field", "train", "--config", laughs.toString(), "--out",
                dir.resolve("never.ae4j").toString());
    }

    @Test
    void aPngHeaderOfTenBillionPixelsIsRefusedBeforeDecoding() throws IOException {
        Path png = dir.resolve("huge.png");
        Files.write(png, pngHeader(100_000, 100_000));
        refused("its size, 100000 × 100000 pixels, is 10,000,000,000, more than the limit of 50,000,000",
                "encode", "--model", model.toString(), "--input", png.toString());
    }

    @Test
    void anOversizedConfigIsRefusedUnread() throws IOException {
        Path big = Files.writeString(dir.resolve("big.json"), "{\"variant\": \"vanilla\"}" + " ".repeat(2 << 20));
        refused("big.json: its size in bytes is 2,097,174, more than the limit of 1,048,576; if the file is trusted, raise it "
                + "with -Dae4j.limits.configBytes=N", "train", "--config", big.toString(), "--out", dir.resolve("n.ae4j").toString());
    }

    /** {@code length} zero bytes, raw-deflated at the best ratio. */
    private static byte[] deflatedZeros(long length) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        byte[] zeros = new byte[1 << 20];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        for (long done = 0; done < length; done += zeros.length) {
            deflater.setInput(zeros);
            while (!deflater.needsInput()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        return out.toByteArray();
    }

    /** A zip of {@code count} entries, each the same deflated data of {@code size} zeros, written without re-deflating. */
    private static void writeStoredDeflate(Path file, int count, byte[] deflated, long size) throws IOException {
        CRC32 crc = new CRC32();
        byte[] zeros = new byte[1 << 20];
        for (long done = 0; done < size; done += zeros.length) {
            crc.update(zeros);
        }
        ByteArrayOutputStream central = new ByteArrayOutputStream();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        LittleEndian out = new LittleEndian(body);
        LittleEndian cd = new LittleEndian(central);
        for (int i = 0; i < count; i++) {
            byte[] name = ("parameters/" + i + ".npy").getBytes(StandardCharsets.US_ASCII);
            long offset = body.size();
            out.i32(0x04034b50).i16(20).i16(0).i16(8).i16(0).i16(0).i32((int) crc.getValue()).i32((int) deflated.length)
                    .i32((int) size).i16(name.length).i16(0);
            body.write(name);
            body.write(deflated);
            cd.i32(0x02014b50).i16(20).i16(20).i16(0).i16(8).i16(0).i16(0).i32((int) crc.getValue()).i32(deflated.length)
                    .i32((int) size).i16(name.length).i16(0).i16(0).i16(0).i16(0).i32(0).i32((int) offset);
            central.write(name);
        }
        long cdOffset = body.size();
        body.write(central.toByteArray());
        out.i32(0x06054b50).i16(0).i16(0).i16(count).i16(count).i32(central.size()).i32((int) cdOffset).i16(0);
        Files.write(file, body.toByteArray());
    }

    /** Little-endian fields of a zip header. */
    private record LittleEndian(ByteArrayOutputStream out) {
        LittleEndian i16(int v) {
            out.write(v & 0xff);
            out.write((v >> 8) & 0xff);
            return this;
        }

        LittleEndian i32(int v) {
            return i16(v & 0xffff).i16((v >>> 16) & 0xffff);
        }
    }

    /** A PNG signature and an IHDR chunk declaring a {@code width × height} 8-bit grey image, then a tiny IDAT and IEND. */
    private static byte[] pngHeader(int width, int height) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream h = new DataOutputStream(ihdr);
        h.writeInt(width);
        h.writeInt(height);
        h.write(new byte[] {8, 0, 0, 0, 0});
        chunk(out, "IHDR", ihdr.toByteArray());
        chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
        chunk(out, "IEND", new byte[0]);
        return bytes.toByteArray();
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        out.writeInt(data.length);
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.write(name);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }
}
