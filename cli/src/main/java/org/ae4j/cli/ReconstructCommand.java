package org.ae4j.cli;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.ae4j.data.Dataset;
import org.ae4j.persist.AtomicFiles;
import org.ae4j.persist.SavedModel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Writes a PNG grid: the first input images above their reconstructions. */
@Command(name = "reconstruct", mixinStandardHelpOptions = true,
        description = "Write a PNG grid of the first input images (top row) above their reconstructions (bottom row).")
final class ReconstructCommand implements Callable<Integer> {

    @ParentCommand
    Ae4jCommand app;

    @Mixin
    ModelInput io;

    @Option(names = "--out", paramLabel = "PNG", required = true, description = "Output image.")
    Path out;

    @Option(names = "--count", paramLabel = "N", defaultValue = "10", description = "Images per row (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--scale", paramLabel = "K", defaultValue = "3", description = "Pixels per image pixel (default: ${DEFAULT-VALUE}).")
    int scale;

    @Override
    public Integer call() throws Exception {
        if (count < 1 || scale < 1 || scale > 16) {
            throw new IllegalArgumentException("--count must be >= 1 and --scale in 1…16, got " + count + " and " + scale);
        }
        SavedModel saved = io.load(app);
        long values = Arrays.stream(saved.inputShape()).reduce(1, Math::multiplyExact);
        int side = (int) Math.round(Math.sqrt(values));
        if ((long) side * side != values) {
            throw new IllegalArgumentException("reconstruct draws square grey-scale images, but the model's examples have "
                    + values + " values " + Arrays.toString(saved.inputShape()));
        }
        Dataset examples = io.examples(saved);
        int n = Math.min(count, examples.size());
        INDArray originals = examples.features().get(NDArrayIndex.interval(0, n)).reshape('c', n, values);
        INDArray reconstructions = saved.model().reconstruct(examples.features().get(NDArrayIndex.interval(0, n)))
                .reshape('c', n, values);
        BufferedImage image = new BufferedImage(n * side * scale, 2 * side * scale, BufferedImage.TYPE_BYTE_GRAY);
        draw(image, originals.castTo(DataType.DOUBLE).toDoubleMatrix(), 0, side);
        draw(image, reconstructions.castTo(DataType.DOUBLE).toDoubleMatrix(), side * scale, side);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        AtomicFiles.write(out, png.toByteArray());
        app.say("wrote " + n + " originals and reconstructions to " + out);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("images", n);
        json.put("out", out.toString());
        app.result(json);
        return Cli.OK;
    }

    /** Draws each row of {@code pixels} (values in [0, 1], clipped) as a square image. */
    private void draw(BufferedImage image, double[][] pixels, int top, int side) {
        for (int k = 0; k < pixels.length; k++) {
            for (int i = 0; i < side * side; i++) {
                int grey = (int) Math.round(255 * Math.max(0, Math.min(1, pixels[k][i])));
                int rgb = grey << 16 | grey << 8 | grey;
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        image.setRGB(k * side * scale + (i % side) * scale + dx, top + (i / side) * scale + dy, rgb);
                    }
                }
            }
        }
    }
}
