package org.ae4j.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.ae4j.util.ReadLimits;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A folder of images (PNG, JPEG, BMP, GIF, decoded by {@code javax.imageio}) as examples: each image resized to
 * one size (bilinear), grayscale or RGB, its pixel values 0–255 in channel-first order ({@code [channels, height,
 * width]}, flattened per example, as the IDX files of the MNIST family and the conv layers' NCHW take them).
 * Images in sub-folders are labelled by the sub-folder's name (classes in name order); images at the top have
 * no label. Files are read in name order, so the same folder gives the same examples.
 *
 * <p>A file that does not decode is an error naming it — unless {@code skipBad}, when it is left out and counted.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class ImageFolder {

    /** The file extensions read, lower case. */
    public static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif");

    /**
     * The geometry every image is brought to.
     *
     * @param width    pixels across
     * @param height   pixels down
     * @param channels 1 (grayscale) or 3 (RGB)
     */
    public record Geometry(int width, int height, int channels) {
        public Geometry {
            if (width < 1 || height < 1 || (long) width * height > 16L << 20) {
                throw new IllegalArgumentException("images must be 1 to 16M pixels, got " + width + "×" + height);
            }
            if (channels != 1 && channels != 3) {
                throw new IllegalArgumentException("images have 1 (grayscale) or 3 (RGB) channels, got " + channels);
            }
        }

        /** Values per image. */
        public long values() {
            return (long) channels * height * width;
        }
    }

    /**
     * The images read: {@code [n, channels·height·width]} floats 0–255, labelled when the folder has class
     * sub-folders; the class names; the files read, in row order; the files left out (with {@code skipBad}).
     */
    public record Images(Dataset data, Geometry geometry, List<String> classes, List<Path> files, List<Path> skipped) {
    }

    private ImageFolder() {
    }

    /** Whether {@code dir} holds any image (at the top or one level down). */
    public static boolean holdsImages(Path dir) throws IOException {
        return Files.isDirectory(dir) && !files(dir).isEmpty();
    }

    /**
     * Reads every image of {@code dir}.
     *
     * @param geometry the size and channels to bring images to; empty for the first image's size, in grayscale
     *                 unless some image has colour
     * @param skipBad  leave out (and list) files that do not decode, rather than fail
     */
    public static Images read(Path dir, java.util.Optional<Geometry> geometry, boolean skipBad) throws IOException {
        Objects.requireNonNull(geometry, "geometry");
        if (!Files.isDirectory(dir)) {
            throw new java.nio.file.NoSuchFileException(dir.toString(), null, "no such image folder");
        }
        List<Path> files = files(dir);
        if (files.isEmpty()) {
            throw new IllegalArgumentException(dir + " holds no image (" + String.join(", ", EXTENSIONS) + "), at its top or in sub-folders");
        }
        List<String> classes = files.stream().map(f -> dir.relativize(f).getNameCount() > 1 ? dir.relativize(f).getName(0).toString() : "")
                .distinct().sorted().toList();
        boolean labelled = !classes.contains("");
        if (!labelled && classes.size() > 1) {
            throw new IllegalArgumentException(dir + " mixes images at its top with class sub-folders " + classes.stream()
                    .filter(c -> !c.isEmpty()).toList() + "; put every image in a class folder, or none");
        }
        List<BufferedImage> decoded = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<Path> skipped = new ArrayList<>();
        List<Path> read = new ArrayList<>();
        Geometry target = geometry.orElse(null);
        boolean colour = false;
        for (Path file : files) {
            BufferedImage image = decode(file, skipBad);
            if (image == null) {
                skipped.add(file);
                continue;
            }
            colour |= !isGray(image);
            decoded.add(image);
            read.add(file);
            labels.add(labelled ? classes.indexOf(dir.relativize(file).getName(0).toString()) : -1);
        }
        if (decoded.isEmpty()) {
            throw new IllegalArgumentException(dir + ": none of its " + files.size() + " images decodes");
        }
        if (target == null) {
            target = new Geometry(decoded.get(0).getWidth(), decoded.get(0).getHeight(), colour ? 3 : 1);
        }
        INDArray features;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            features = Nd4j.createUninitialized(DataType.FLOAT, decoded.size(), target.values());
        }
        FloatBuffer out = features.data().asNioFloat();
        for (BufferedImage image : decoded) {
            write(resized(image, target), target, out);
        }
        Dataset data = labelled ? Dataset.labeled(features, labels.stream().mapToInt(Integer::intValue).toArray()) : Dataset.of(features);
        return new Images(data, target, labelled ? classes : List.of(), List.copyOf(read), List.copyOf(skipped));
    }

    /**
     * One image file brought to {@code geometry}: {@code [1, channels·height·width]} floats 0–255.
     *
     * @throws IllegalArgumentException if the file does not decode as an image
     */
    public static Dataset readFile(Path file, Geometry geometry) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString(), null, "no such image");
        }
        BufferedImage image = decode(file, false);
        INDArray features;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            features = Nd4j.createUninitialized(DataType.FLOAT, 1, geometry.values());
        }
        write(resized(image, geometry), geometry, features.data().asNioFloat());
        return Dataset.of(features);
    }

    /** Whether {@code file}'s name ends with an image extension this reader decodes. */
    public static boolean isImageFile(Path file) {
        return Files.isRegularFile(file) && isImageName(file);
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir, 2)) {
            return walk.filter(Files::isRegularFile).filter(ImageFolder::isImageName).sorted().toList();
        }
    }

    private static boolean isImageName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static BufferedImage decode(Path file, boolean skipBad) throws IOException {
        BufferedImage image;
        try {
            image = decodeWithinLimits(file);
        } catch (ReadLimits.Exceeded e) {
            image = null;
            if (!skipBad) {
                throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
            }
        } catch (IOException | RuntimeException e) {
            image = null;
            if (!skipBad) {
                throw new IllegalArgumentException(file + " does not decode as an image (" + e.getMessage() + "); remove it or "
                        + "pass --skip-bad to leave such files out", e);
            }
        }
        if (image == null && !skipBad) {
            throw new IllegalArgumentException(file + " does not decode as an image (no reader for its content); remove it or "
                    + "pass --skip-bad to leave such files out");
        }
        return image;
    }

    /**
     * The image, or null when no reader knows its format; its header's width × height is checked against
     * {@link ReadLimits#imagePixels()} and the free heap before any pixel is decoded (a decompression bomb costs nothing).
     */
    private static BufferedImage decodeWithinLimits(Path file) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                return null;
            }
            java.util.Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                ReadLimits.require(pixels, ReadLimits.imagePixels(), ReadLimits.IMAGE_PIXELS, "its size, " + reader.getWidth(0) + " × "
                        + reader.getHeight(0) + " pixels,");
                ReadLimits.requireHeapFor(4 * pixels, "decoding " + file);
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        }
    }

    private static boolean isGray(BufferedImage image) {
        return image.getColorModel().getNumColorComponents() == 1;
    }

    /** The image at the target size, as 8-bit gray or RGB. */
    private static BufferedImage resized(BufferedImage image, Geometry g) {
        int type = g.channels() == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB;
        if (image.getWidth() == g.width() && image.getHeight() == g.height() && image.getType() == type) {
            return image;
        }
        BufferedImage out = new BufferedImage(g.width(), g.height(), type);
        Graphics2D graphics = out.createGraphics();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            graphics.drawImage(image, 0, 0, g.width(), g.height(), null);
        } finally {
            graphics.dispose();
        }
        return out;
    }

    /** Channel-first pixel values 0–255. */
    private static void write(BufferedImage image, Geometry g, FloatBuffer out) {
        if (g.channels() == 1) {
            var raster = image.getRaster();
            for (int y = 0; y < g.height(); y++) {
                for (int x = 0; x < g.width(); x++) {
                    out.put(raster.getSample(x, y, 0));
                }
            }
            return;
        }
        for (int c = 0; c < 3; c++) {
            int shift = 16 - 8 * c;
            for (int y = 0; y < g.height(); y++) {
                for (int x = 0; x < g.width(); x++) {
                    out.put((image.getRGB(x, y) >> shift) & 0xFF);
                }
            }
        }
    }
}
