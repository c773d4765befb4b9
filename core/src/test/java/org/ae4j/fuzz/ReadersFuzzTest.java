package org.ae4j.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ae4j.config.ConfigCodec;
import org.ae4j.config.TinyVariant;
import org.ae4j.data.IdxFile;
import org.ae4j.data.ImageFolder;
import org.ae4j.data.NumpyData;
import org.ae4j.data.table.TableOptions;
import org.ae4j.data.table.TableReader;
import org.ae4j.persist.ModelFile;

/**
 * Fuzz targets for every reader of core: model and checkpoint files, configs (JSON and YAML), CSV tables, IDX,
 * {@code .npy}/{@code .npz} and images. The only acceptable outcomes for any input are a result or the reader's own
 * error — an {@link IOException} or an {@link IllegalArgumentException} with a message; anything else (an
 * {@code OutOfMemoryError}, an {@code IndexOutOfBoundsException}, a {@code NullPointerException}, a hang) is a finding.
 * The build runs each target over its committed seeds ({@code src/test/resources/org/ae4j/fuzz/ReadersFuzzTestInputs/})
 * and over every input found so far; {@code JAZZER_FUZZ=1 mvn test -pl core -Dtest=ReadersFuzzTest#NAME} fuzzes one
 * target (see docs/reliability.md).
 */
class ReadersFuzzTest {

    /** Writes {@code data} to a temporary file named with {@code suffix}, runs {@code reader} on it, and deletes it. */
    private static void onFile(byte[] data, String suffix, FileReader reader) throws IOException {
        Path file = Files.createTempFile("ae4j-fuzz", suffix);
        try {
            Files.write(file, data);
            reader.read(file);
        } catch (IOException | IllegalArgumentException expected) {
            if (expected.getMessage() == null || expected.getMessage().isBlank()) {
                throw new AssertionError("an error without a message", expected);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private interface FileReader {
        void read(Path file) throws IOException;
    }

    @FuzzTest(maxDuration = "3m")
    void modelFile(byte[] data) throws IOException {
        onFile(data, ".ae4j", file -> ModelFile.load(file, TinyVariant.REGISTRY));
    }

    @FuzzTest(maxDuration = "3m")
    void jsonConfig(byte[] data) throws IOException {
        onFile(data, ".json", file -> new ConfigCodec(TinyVariant.REGISTRY).read(file));
    }

    @FuzzTest(maxDuration = "3m")
    void yamlConfig(byte[] data) throws IOException {
        onFile(data, ".yaml", file -> new ConfigCodec(TinyVariant.REGISTRY).read(file));
    }

    @FuzzTest(maxDuration = "3m")
    void csvTable(byte[] data) throws IOException {
        onFile(data, ".csv", file -> TableReader.fit(file, TableOptions.defaults(), 0.2, 1));
    }

    @FuzzTest(maxDuration = "3m")
    void idx(byte[] data) throws IOException {
        onFile(data, ".idx", IdxFile::read);
    }

    @FuzzTest(maxDuration = "3m")
    void npy(byte[] data) throws IOException {
        onFile(data, ".npy", NumpyData::read);
    }

    @FuzzTest(maxDuration = "3m")
    void npz(byte[] data) throws IOException {
        onFile(data, ".npz", NumpyData::read);
    }

    @FuzzTest(maxDuration = "3m")
    void image(byte[] data) throws IOException {
        onFile(data, ".png", file -> ImageFolder.readFile(file, new ImageFolder.Geometry(8, 8, 1)));
    }

}
