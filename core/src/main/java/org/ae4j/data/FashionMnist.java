package org.ae4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Fashion-MNIST (Xiao, Rasul &amp; Vollgraf, 2017; MIT licence, © 2017 Zalando SE): 28×28 grey-scale
 * images of 10 kinds of garment, 60,000 for training and 10,000 for testing.
 *
 * <p>Images load as float rows {@code [n, 784]} of raw pixel values 0…255 (fit a
 * {@link MinMaxNormalizer} to scale them) with labels 0…9 ({@link #CLASSES}). Sources: a directory
 * given by the user; Debian's {@code dataset-fashion-mnist} package ({@link #DEBIAN_DIRECTORY});
 * the user cache {@code ~/.cache/ae4j/fashion-mnist}; and, always available offline, an embedded
 * sample of the first {@value #SAMPLE_TRAIN} training and {@value #SAMPLE_TEST} test images.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class FashionMnist {

    /** Where Debian's {@code dataset-fashion-mnist} package installs the files. */
    public static final Path DEBIAN_DIRECTORY = Path.of("/usr/share/datasets/fashion-mnist");

    public static final List<String> CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    public static final int SAMPLE_TRAIN = 4000;
    public static final int SAMPLE_TEST = 1000;
    public static final int SIDE = 28;

    private static final String SAMPLE_RESOURCE = "/org/ae4j/data/fashion-mnist-sample/";

    /** Training and test sets, and where they came from. */
    public record Splits(Dataset train, Dataset test, String source) {
    }

    private FashionMnist() {
    }

    /** The full data set from {@code directory}, which holds the four IDX files (gzip or raw). */
    public static Splits load(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new IOException("Fashion-MNIST directory " + directory + " does not exist");
        }
        Dataset train = read(find(directory, "train-images-idx3-ubyte"), find(directory, "train-labels-idx1-ubyte"));
        Dataset test = read(find(directory, "t10k-images-idx3-ubyte"), find(directory, "t10k-labels-idx1-ubyte"));
        return new Splits(train, test, directory.toString());
    }

    /** The first directory of Debian's location and the user cache that holds the data set, if any. */
    public static Optional<Path> locate() {
        Path cache = Path.of(System.getProperty("user.home"), ".cache", "ae4j", "fashion-mnist");
        for (Path candidate : List.of(DEBIAN_DIRECTORY, cache)) {
            if (Files.isRegularFile(candidate.resolve("train-images-idx3-ubyte.gz"))
                    || Files.isRegularFile(candidate.resolve("train-images-idx3-ubyte"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The embedded sample, shipped inside ae4j-core: it needs no download and no installation. */
    public static Splits sample() {
        try {
            Dataset train = read(resource("train-images-idx3-ubyte.gz"), resource("train-labels-idx1-ubyte.gz"));
            Dataset test = read(resource("t10k-images-idx3-ubyte.gz"), resource("t10k-labels-idx1-ubyte.gz"));
            return new Splits(train, test, "embedded sample");
        } catch (IOException e) {
            throw new UncheckedIOException("the embedded Fashion-MNIST sample is damaged", e);
        }
    }

    private static Path find(Path directory, String base) throws IOException {
        for (String name : List.of(base + ".gz", base)) {
            Path p = directory.resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IOException("no Fashion-MNIST file " + base + "[.gz] in " + directory);
    }

    private static Dataset read(Path images, Path labels) throws IOException {
        return toDataset(IdxFile.read(images), images.toString(), IdxFile.read(labels), labels.toString());
    }

    private static Dataset read(Resource images, Resource labels) throws IOException {
        return toDataset(images.read(), images.name(), labels.read(), labels.name());
    }

    /** Pairs an image file {@code [n, 28, 28]} with a label file {@code [n]} of values 0…9. */
    static Dataset toDataset(IdxFile images, String imageSource, IdxFile labels, String labelSource) throws IdxFormatException {
        int[] dims = images.dimensions();
        if (dims.length != 3 || dims[1] != SIDE || dims[2] != SIDE) {
            throw new IdxFormatException(imageSource + ": expected images [n, 28, 28], got " + java.util.Arrays.toString(dims));
        }
        int[] labelDims = labels.dimensions();
        if (labelDims.length != 1 || labelDims[0] != dims[0]) {
            throw new IdxFormatException(labelSource + ": expected " + dims[0] + " labels [" + dims[0] + "], got "
                    + java.util.Arrays.toString(labelDims));
        }
        int n = dims[0];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = labels.unsigned(i);
            if (y[i] >= CLASSES.size()) {
                throw new IdxFormatException(labelSource + ": label " + y[i] + " of example " + i + " is not a class 0…9");
            }
        }
        float[] pixels = new float[n * SIDE * SIDE];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = images.unsigned(i);
        }
        INDArray x = Nd4j.create(pixels, new long[] {n, (long) SIDE * SIDE}, DataType.FLOAT);
        return Dataset.labeled(x, y);
    }

    private record Resource(String name) {
        IdxFile read() throws IOException {
            try (InputStream in = FashionMnist.class.getResourceAsStream(SAMPLE_RESOURCE + name)) {
                if (in == null) {
                    throw new IOException("resource " + SAMPLE_RESOURCE + name + " is missing from the ae4j-core jar");
                }
                return IdxFile.read(in, "embedded " + name);
            }
        }
    }

    private static Resource resource(String name) {
        return new Resource(name);
    }
}
