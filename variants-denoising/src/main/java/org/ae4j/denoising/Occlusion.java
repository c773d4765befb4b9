package org.ae4j.denoising;

import java.util.SplittableRandom;
import org.ae4j.spi.RandomSource;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Occludes part of each image, for inpainting and watermark removal.
 * <ul>
 *   <li>{@code "patches"}: {@code patches} squares of side {@code patchSize} at random positions are set
 *       to {@code value};</li>
 *   <li>{@code "watermark"}: a diagonal stripe pattern at a random offset ({@code period},
 *       {@code thickness}) is blended in: {@code x̃ = (1 − opacity)·x + opacity·value} on the stripes.</li>
 * </ul>
 * Examples are {@code channels} planes of {@code width × height} pixels, channel-major; a
 * {@code width} of 0 means square images.
 *
 * @param mode      {@code "patches"} or {@code "watermark"} (default patches)
 * @param patchSize side of each patch in pixels (default 8)
 * @param patches   patches per image (default 1)
 * @param value     the occluding value (default 0 for patches; 1 is a white watermark)
 * @param opacity   watermark opacity in [0, 1] (default 0.5)
 * @param period    watermark stripe period in pixels (default 7)
 * @param thickness watermark stripe thickness in pixels (default 2)
 * @param channels  planes per example (default 1)
 * @param width     image width in pixels, 0 for square (default 0)
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Occlusion(String mode, int patchSize, int patches, double value, double opacity, int period, int thickness,
                        int channels, int width) implements StatelessCorruption {

    public static final String TYPE = "occlusion";

    public Occlusion {
        if (!"patches".equals(mode) && !"watermark".equals(mode)) {
            throw new IllegalArgumentException("occlusion mode must be \"patches\" or \"watermark\", got \"" + mode + "\"");
        }
        if (patchSize < 1 || patches < 0 || period < 1 || thickness < 0 || thickness > period || channels < 1 || width < 0) {
            throw new IllegalArgumentException("occlusion needs patchSize >= 1, patches >= 0, period >= 1, 0 <= thickness <= "
                    + "period, channels >= 1, width >= 0; got " + this);
        }
        if (!(opacity >= 0 && opacity <= 1) || !Double.isFinite(value)) {
            throw new IllegalArgumentException("occlusion opacity must be in [0, 1] and value finite, got " + opacity
                    + " and " + value);
        }
    }

    public static Occlusion defaults() {
        return new Occlusion("patches", 8, 1, 0, 0.5, 7, 2, 1, 0);
    }

    /** A white watermark of diagonal stripes at half opacity. */
    public static Occlusion watermark() {
        return new Occlusion("watermark", 8, 1, 1, 0.5, 7, 2, 1, 0);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public INDArray corrupt(INDArray clean, RandomSource random) {
        int per = Pixels.perExample(clean);
        if (per % channels != 0) {
            throw new IllegalArgumentException("occlusion with " + channels + " channels needs examples whose size is a "
                    + "multiple of " + channels + ", got " + per);
        }
        int plane = per / channels;
        int w = width > 0 ? width : (int) Math.round(Math.sqrt(plane));
        if (w == 0 || plane % w != 0 || (width == 0 && w * w != plane)) {
            throw new IllegalArgumentException("occlusion cannot lay out " + plane + " pixels per channel as an image of width "
                    + (width > 0 ? width : "sqrt(" + plane + ")") + "; set \"width\"");
        }
        int h = plane / w;
        double[] values = Pixels.copyOf(clean);
        SplittableRandom rng = random.java();
        for (int start = 0; start < values.length; start += per) {
            if (mode.equals("patches")) {
                for (int k = 0; k < patches; k++) {
                    int top = rng.nextInt(Math.max(1, h - patchSize + 1));
                    int left = rng.nextInt(Math.max(1, w - patchSize + 1));
                    for (int c = 0; c < channels; c++) {
                        for (int r = top; r < Math.min(h, top + patchSize); r++) {
                            for (int col = left; col < Math.min(w, left + patchSize); col++) {
                                values[start + c * plane + r * w + col] = value;
                            }
                        }
                    }
                }
            } else {
                int offset = rng.nextInt(period);
                for (int c = 0; c < channels; c++) {
                    for (int r = 0; r < h; r++) {
                        for (int col = 0; col < w; col++) {
                            if ((r + col + offset) % period < thickness) {
                                int i = start + c * plane + r * w + col;
                                values[i] = (1 - opacity) * values[i] + opacity * value;
                            }
                        }
                    }
                }
            }
        }
        return Pixels.arrayLike(clean, values);
    }
}
