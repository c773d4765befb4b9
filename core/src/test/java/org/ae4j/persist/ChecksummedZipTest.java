package org.ae4j.persist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecksummedZipTest {

    /** Arrays are stored as they are (deflating floats saved little at many times the time), text is compressed. */
    @Test
    void arraysAreStoredUncompressedAndTextIsCompressed(@TempDir Path dir) throws Exception {
        byte[] text = "{\"layers\": [1, 2, 3]}\n".repeat(200).getBytes(StandardCharsets.UTF_8);
        byte[] array = new byte[100_000];                // zeros: deflate would shrink them to almost nothing
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("model.json", text);
        entries.put("parameters/000.npy", array);
        Path file = dir.resolve("m.ae4j");
        ChecksummedZip.write(file, entries);

        Map<String, byte[]> read = ChecksummedZip.read(file, "test file", 10_000_000);
        assertThat(read.keySet()).containsExactly("model.json", "parameters/000.npy");
        assertThat(read.get("model.json")).isEqualTo(text);
        assertThat(read.get("parameters/000.npy")).isEqualTo(array);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            assertThat(zip.getEntry("parameters/000.npy").getCompressedSize()).isGreaterThanOrEqualTo(array.length);
            assertThat(zip.getEntry("model.json").getCompressedSize()).isLessThan(text.length / 10);
        }
    }
}
