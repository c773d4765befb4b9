package org.ae4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.ae4j.data.Dataset;
import org.ae4j.data.FashionMnist;
import org.ae4j.data.ImageFolder;
import org.ae4j.data.MinMaxNormalizer;
import org.ae4j.data.NumpyData;
import org.ae4j.data.table.Table;
import org.ae4j.data.table.TableOptions;
import org.ae4j.data.table.TableReader;
import org.ae4j.data.table.TableSchema;

/**
 * What {@code --data} names, ready to train on: a directory of Fashion-MNIST IDX files (scaled to [0, 1] by a
 * min–max normaliser fitted on the training images), the embedded sample without {@code --data}, or a table
 * (a CSV/TSV file: its schema fitted on the training rows; test rows held out by a seeded split, or read from
 * {@code --test-data}).
 *
 * @param source     what was read, for messages and the model's metadata
 * @param train      the training examples, as the model sees them
 * @param test       the test examples, as the model sees them
 * @param normalizer the image normaliser, for image data
 * @param table      the table schema, for a table
 */
record TrainingData(String source, Dataset train, Dataset test, Optional<MinMaxNormalizer> normalizer, Optional<TableSchema> table) {

    /** The share of a table's rows held out for the test metrics when no --test-data is given. */
    static final double TABLE_TEST_FRACTION = 0.2;

    /** The share of an image folder's images, or a NumPy file's examples, held out for the test metrics. */
    static final double IMAGE_TEST_FRACTION = 0.2;

    /** What {@code --data} holds; detected from the path and content unless {@code --format} says. */
    enum Format {
        TABLE, IMAGES, NUMPY, IDX;

        /** The format {@code data} is detected as. */
        static Format of(Path data) throws IOException {
            if (Files.isRegularFile(data) && NumpyData.isNumpy(data)) {
                return NUMPY;
            }
            if (isImageFolder(data)) {
                return IMAGES;
            }
            return isTable(data) ? TABLE : IDX;
        }
    }

    static TrainingData read(Path data, Path testData, TableArgs tableArgs, long seed) throws IOException {
        return read(data, testData, tableArgs, seed, false, null);
    }

    static TrainingData read(Path data, Path testData, TableArgs tableArgs, long seed, boolean skipBad, Format forced)
            throws IOException {
        Format format = data == null ? Format.IDX : forced != null ? forced : Format.of(data);
        if (format == Format.TABLE) {
            TableOptions options = tableArgs.options();
            Table.Split split = TableReader.fit(data, options, testData == null ? TABLE_TEST_FRACTION : 0, seed);
            Table test = testData == null ? split.test().orElseThrow(() -> new IllegalArgumentException(data
                    + " has too few rows to hold any out for testing; give the test rows with --test-data"))
                    : TableReader.read(testData, split.train().schema(), options.delimiter());
            return new TrainingData(data.toString(), split.train().data(), test.data(), Optional.empty(), Optional.of(split.train().schema()));
        }
        if (testData != null) {
            throw new IllegalArgumentException("--test-data goes with a table in --data; a Fashion-MNIST directory has its test files");
        }
        if (tableArgs.label != null || tableArgs.ignore != null || tableArgs.delimiter != null) {
            throw new IllegalArgumentException("--label, --ignore and --delimiter apply to a table in --data (a CSV or TSV file)");
        }
        if (format == Format.NUMPY) {
            Dataset all = NumpyData.read(data);
            Dataset.Split split = all.split(IMAGE_TEST_FRACTION, new org.ae4j.spi.RandomSource(seed).split("test-split"));
            MinMaxNormalizer normalizer = MinMaxNormalizer.fitPerFeature(split.train());
            return new TrainingData(data.toString(), normalizer.transform(split.train()), normalizer.transform(split.validation()),
                    Optional.of(normalizer), Optional.empty());
        }
        if (format == Format.IMAGES) {
            ImageFolder.Images images = ImageFolder.read(data, java.util.Optional.empty(), skipBad);
            if (!images.skipped().isEmpty()) {
                System.err.println("ae4j: left out " + images.skipped().size() + " file(s) that do not decode, e.g. " + images.skipped().get(0));
            }
            Dataset.Split split = images.data().split(IMAGE_TEST_FRACTION, new org.ae4j.spi.RandomSource(seed).split("test-split"));
            MinMaxNormalizer normalizer = MinMaxNormalizer.fitGlobal(split.train());
            return new TrainingData(data + " (" + images.data().size() + " images, " + images.geometry().channels() + "×"
                    + images.geometry().height() + "×" + images.geometry().width() + ")", normalizer.transform(split.train()),
                    normalizer.transform(split.validation()), Optional.of(normalizer), Optional.empty());
        }
        FashionMnist.Splits splits = data == null ? FashionMnist.sample() : FashionMnist.load(data);
        MinMaxNormalizer normalizer = MinMaxNormalizer.fitGlobal(splits.train());
        return new TrainingData(splits.source(), normalizer.transform(splits.train()), normalizer.transform(splits.test()),
                Optional.of(normalizer), Optional.empty());
    }

    /** A directory of images rather than of Fashion-MNIST's IDX files. */
    static boolean isImageFolder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (var names = Files.list(dir)) {
            if (names.anyMatch(p -> p.getFileName().toString().startsWith("train-images-idx3-ubyte"))) {
                return false;
            }
        }
        return ImageFolder.holdsImages(dir);
    }

    /** A regular file that is not IDX (by content): a table. A directory is Fashion-MNIST's IDX files or images. */
    static boolean isTable(Path path) throws IOException {
        return Files.isRegularFile(path) && !NumpyData.isNumpy(path) && !isIdx(path);
    }

    /** IDX by content: gzip's magic, or IDX's two zero bytes. */
    static boolean isIdx(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(3);
            return head.length == 3 && ((head[0] == 0x1f && (head[1] & 0xFF) == 0x8b) || (head[0] == 0 && head[1] == 0));
        }
    }
}
