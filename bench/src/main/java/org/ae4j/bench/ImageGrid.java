package org.ae4j.bench;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Draws square grey-scale images (values in [0, 1], clipped) as a PNG grid. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ImageGrid {

    private ImageGrid() {
    }

    /** The side of the square images a model with examples of {@code shape} works on. */
    public static int side(long[] shape) {
        long values = Arrays.stream(shape).reduce(1, Math::multiplyExact);
        int side = (int) Math.round(Math.sqrt(values));
        if ((long) side * side != values) {
            throw new IllegalArgumentException("images are drawn as squares of grey values, but the model's examples have "
                    + values + " values " + Arrays.toString(shape));
        }
        return side;
    }

    /**
     * A PNG of {@code images} ({@code [n, side·side]}), {@code columns} per row, each pixel drawn as a
     * {@code scale × scale} square.
     */
    public static byte[] png(INDArray images, int side, int columns, int scale) throws IOException {
        double[][] pixels = images.castTo(DataType.DOUBLE).reshape('c', images.size(0), (long) side * side).toDoubleMatrix();
        int rows = (pixels.length + columns - 1) / columns;
        BufferedImage image = new BufferedImage(columns * side * scale, rows * side * scale, BufferedImage.TYPE_BYTE_GRAY);
        for (int k = 0; k < pixels.length; k++) {
            int left = (k % columns) * side * scale;
            int top = (k / columns) * side * scale;
            for (int i = 0; i < side * side; i++) {
                int grey = (int) Math.round(255 * Math.max(0, Math.min(1, pixels[k][i])));
                int rgb = grey << 16 | grey << 8 | grey;
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        image.setRGB(left + (i % side) * scale + dx, top + (i / side) * scale + dy, rgb);
                    }
                }
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        return png.toByteArray();
    }
}
