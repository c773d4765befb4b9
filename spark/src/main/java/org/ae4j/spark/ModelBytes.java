package org.ae4j.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ae4j.persist.ModelFile;
import org.ae4j.persist.SavedModel;
import org.ae4j.registry.Registry;

/**
 * An {@code .ae4j} model file as bytes — what the driver broadcasts and a Spark ML directory stores — read and written
 * through a private temporary file, so that the bytes pass the same checks as any model file.
 */
final class ModelBytes {

    /** What to do with the temporary file. */
    @FunctionalInterface
    private interface Work<T> {
        T on(Path file) throws IOException;
    }

    private ModelBytes() {
    }

    /** The model the bytes hold, checked (checksums, format version, plug-ins). */
    static SavedModel read(byte[] bytes, Registry registry) {
        return withTemporaryFile(file -> {
            Files.write(file, bytes);
            return ModelFile.load(file, registry);
        });
    }

    /** The bytes of {@code saved}'s model file. */
    static byte[] write(SavedModel saved, Registry registry) {
        return withTemporaryFile(file -> {
            ModelFile.save(file, saved, registry);
            return Files.readAllBytes(file);
        });
    }

    private static <T> T withTemporaryFile(Work<T> work) {
        Path file = null;
        try {
            file = Files.createTempFile("ae4j-spark-", ModelFile.EXTENSION);
            return work.on(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temporary file left behind is not worth failing for
                }
            }
        }
    }
}
