package org.ae4j.search;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ae4j.Ae4j;
import org.ae4j.registry.Registry;

/**
 * The fuzz target of the {@code .ae4jx} index reader: any input gives an index or the reader's own error with a
 * message (see docs/reliability.md; seeds and findings in
 * {@code src/test/resources/org/ae4j/search/IndexFileFuzzTestInputs/indexFile/}).
 */
class IndexFileFuzzTest {

    private static final Registry REGISTRY = Ae4j.registry();

    @FuzzTest(maxDuration = "3m")
    void indexFile(byte[] data) throws IOException {
        Path file = Files.createTempFile("ae4j-fuzz", IndexFile.EXTENSION);
        try {
            Files.write(file, data);
            IndexFile.load(file, REGISTRY);
        } catch (IOException | IllegalArgumentException expected) {
            if (expected.getMessage() == null || expected.getMessage().isBlank()) {
                throw new AssertionError("an error without a message", expected);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
