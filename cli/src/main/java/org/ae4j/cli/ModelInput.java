package org.ae4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.ae4j.data.CsvFile;
import org.ae4j.data.Dataset;
import org.ae4j.data.IdxFile;
import org.ae4j.data.ImageFolder;
import org.ae4j.data.NumpyData;
import org.ae4j.data.table.TableReader;
import org.ae4j.persist.ModelFile;
import org.ae4j.persist.SavedModel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Option;

/** The {@code --model} and {@code --input} options of the commands that apply a trained model. */
final class ModelInput {

    @Option(names = "--model", paramLabel = "MODEL", required = true, description = "A model saved by 'ae4j train'.")
    Path model;

    @Option(names = "--input", paramLabel = "FILE", required = true,
            description = "Examples: an IDX file of images (raw or gzip), or a CSV file with a header row.")
    Path input;

    SavedModel load(Ae4jCommand app) throws IOException {
        return ModelFile.load(model, app.registry());
    }

    /**
     * The input examples as the model's training data was prepared: a table read with the model's schema
     * (columns matched by name), images normalized as in training; checked against the model's input size.
     */
    Dataset examples(SavedModel saved) throws IOException {
        return examples(saved, input).data();
    }

    /**
     * Examples and their ids: a table's identifier column (else "row 1", "row 2", …), an image folder's file paths
     * relative to it, an image file's name, else the examples' positions from 0.
     */
    record Examples(Dataset data, java.util.List<String> ids) {
    }

    /** {@code file} read as the model's training data was prepared, with ids; see {@link #examples(SavedModel)}. */
    static Examples examples(SavedModel saved, Path file) throws IOException {
        if (saved.table().isPresent()) {
            org.ae4j.data.table.Table table = TableReader.read(file, saved.table().get(), java.util.Optional.empty());
            return new Examples(table.data(), table.ids().isEmpty() ? numbered("row ", 1, table.data().size()) : table.ids());
        }
        long expected = Arrays.stream(saved.inputShape()).reduce(1, Math::multiplyExact);
        Dataset raw;
        java.util.List<String> ids;
        if (Files.isDirectory(file) && ImageFolder.holdsImages(file)) {
            ImageFolder.Images images = ImageFolder.read(file, geometry(expected), false);
            raw = images.data();
            ids = images.files().stream().map(f -> file.relativize(f).toString()).toList();
        } else {
            raw = read(file, expected);
            ids = ImageFolder.isImageFile(file) ? java.util.List.of(file.getFileName().toString()) : numbered("", 0, raw.size());
        }
        if (raw.exampleLength() != expected) {
            throw new IllegalArgumentException(file + " has " + raw.exampleLength() + " values per example ("
                    + Arrays.toString(raw.exampleShape()) + "), but the model takes " + expected + " "
                    + Arrays.toString(saved.inputShape()));
        }
        Dataset shaped = Dataset.of(raw.features().reshape('c', withBatch(raw.size(), saved.inputShape())));
        return new Examples(saved.normalizer().map(n -> n.transform(shaped)).orElse(shaped), ids);
    }

    private static java.util.List<String> numbered(String prefix, int first, int count) {
        return java.util.stream.IntStream.range(first, first + count).mapToObj(i -> prefix + i).toList();
    }

    /** The input table read with the model's schema (columns by name; row ids when it has an identifier column). */
    org.ae4j.data.table.Table table(SavedModel saved) throws IOException {
        return TableReader.read(input, saved.table().orElseThrow(), java.util.Optional.empty());
    }

    static Dataset read(Path file) throws IOException {
        return read(file, 0);
    }

    /** {@code file} as examples; an image folder is brought to the square size of {@code length} values (0: as found). */
    static Dataset read(Path file, long length) throws IOException {
        if (Files.isRegularFile(file) && NumpyData.isNumpy(file)) {
            return NumpyData.read(file);
        }
        if (Files.isDirectory(file) && ImageFolder.holdsImages(file)) {
            return ImageFolder.read(file, geometry(length), false).data();
        }
        if (ImageFolder.isImageFile(file)) {
            return ImageFolder.readFile(file, geometry(length).orElseThrow(() -> new IllegalArgumentException(
                    "the model does not take square images, so " + file + " cannot be brought to its input")));
        }
        if (!Files.isRegularFile(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString());
        }
        if (TrainingData.isIdx(file)) {
            IdxFile idx = IdxFile.read(file);
            int[] dims = idx.dimensions();
            if (dims.length < 2) {
                throw new IllegalArgumentException(file + " is a 1-d IDX file (labels?); expected examples [n, …]");
            }
            int n = dims[0];
            int per = idx.data().length / n;
            float[] values = new float[idx.data().length];
            for (int i = 0; i < values.length; i++) {
                values[i] = idx.unsigned(i);
            }
            return Dataset.of(Nd4j.create(values, new long[] {n, per}, DataType.FLOAT));
        }
        return CsvFile.read(file);
    }

    /** Square images of {@code length} values: gray ({@code side²}) or RGB ({@code 3·side²}); empty when neither fits. */
    static java.util.Optional<ImageFolder.Geometry> geometry(long length) {
        long gray = Math.round(Math.sqrt(length));
        if (length > 0 && gray * gray == length) {
            return java.util.Optional.of(new ImageFolder.Geometry((int) gray, (int) gray, 1));
        }
        long rgb = Math.round(Math.sqrt(length / 3.0));
        if (length > 0 && 3 * rgb * rgb == length) {
            return java.util.Optional.of(new ImageFolder.Geometry((int) rgb, (int) rgb, 3));
        }
        return java.util.Optional.empty();
    }

    private static long[] withBatch(long n, long[] shape) {
        long[] full = new long[shape.length + 1];
        full[0] = n;
        System.arraycopy(shape, 0, full, 1, shape.length);
        return full;
    }
}
