package org.ae4j.conv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ae4j.model.Autoencoder;
import org.ae4j.nn.DenseSpec;
import org.ae4j.nn.IdentityBottleneck;
import org.ae4j.nn.Sequential;
import org.ae4j.spi.BuildContext;
import org.ae4j.spi.LayerSpec;
import org.ae4j.variant.VariantSpec;
import org.apiguardian.api.API;

/**
 * A convolutional autoencoder: the flat input is reshaped to {@code imageShape}; each entry of
 * {@code channels} adds a {@code kernel × kernel} convolution with stride 2 and padding
 * {@code ⌊kernel/2⌋}; the feature maps are flattened, optionally through a dense code of
 * {@code codeSize}; the decoder mirrors it with stride-2 transposed convolutions (output padding
 * chosen to restore each size exactly), the last back to the image's channels with
 * {@code outputActivation}, then flattens.
 *
 * @param imageShape       {@code [channels, height, width]} of one example (default [1, 28, 28])
 * @param channels         filters of each encoder convolution (default [16, 32])
 * @param kernel           odd kernel side (default 3)
 * @param activation       hidden activation (default relu)
 * @param outputActivation activation of the reconstruction (default sigmoid)
 * @param loss             reconstruction loss (default mse)
 * @param codeSize         size of a dense code between encoder and decoder; 0 for none (default 0)
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ConvAutoencoderSpec(List<Long> imageShape, List<Integer> channels, int kernel, String activation,
                                  String outputActivation, String loss, int codeSize) implements VariantSpec {

    public ConvAutoencoderSpec {
        imageShape = List.copyOf(imageShape);
        channels = List.copyOf(channels);
        if (imageShape.size() != 3 || imageShape.stream().anyMatch(d -> d < 1)) {
            throw new IllegalArgumentException("conv imageShape must be [channels, height, width], got " + imageShape);
        }
        if (channels.isEmpty() || channels.stream().anyMatch(c -> c < 1)) {
            throw new IllegalArgumentException("conv channels must be a non-empty list of sizes >= 1, got " + channels);
        }
        if (kernel < 1 || kernel % 2 == 0) {
            throw new IllegalArgumentException("conv kernel must be odd and >= 1, got " + kernel);
        }
        if (codeSize < 0) {
            throw new IllegalArgumentException("conv codeSize must be >= 0 (0: no dense code), got " + codeSize);
        }
    }

    /** 1×28×28 → Conv(16, 3, s2, p1) → Conv(32, 3, s2, p1), mirrored, sigmoid output, MSE. */
    public static ConvAutoencoderSpec defaults() {
        return new ConvAutoencoderSpec(List.of(1L, 28L, 28L), List.of(16, 32), 3, "relu", "sigmoid", "mse", 0);
    }

    @Override
    public Autoencoder build(long[] inputShape, BuildContext context) {
        long[] image = imageShape.stream().mapToLong(Long::longValue).toArray();
        long values = Arrays.stream(image).reduce(1, Math::multiplyExact);
        if (Arrays.stream(inputShape).reduce(1, Math::multiplyExact) != values) {
            throw new IllegalArgumentException("conv imageShape " + imageShape + " has " + values + " values, but examples have "
                    + "shape " + Arrays.toString(inputShape));
        }
        int padding = kernel / 2;
        List<LayerSpec> encoder = new ArrayList<>();
        encoder.add(new ReshapeSpec(imageShape));
        List<long[]> sizes = new ArrayList<>();
        long[] shape = image;
        for (int filters : channels) {
            sizes.add(shape);
            Conv2dSpec conv = new Conv2dSpec(filters, kernel, 2, padding, activation);
            encoder.add(conv);
            shape = conv.outputShape(shape);
        }
        long[] maps = shape;
        long flat = Arrays.stream(maps).reduce(1, Math::multiplyExact);
        encoder.add(new FlattenSpec());
        List<LayerSpec> decoder = new ArrayList<>();
        if (codeSize > 0) {
            encoder.add(new DenseSpec(codeSize, activation));
            decoder.add(new DenseSpec((int) flat, activation));
        }
        decoder.add(ReshapeSpec.of(maps));
        long[] current = maps;
        for (int i = channels.size() - 1; i >= 0; i--) {
            long[] target = sizes.get(i);
            int padHeight = (int) (target[1] - Geometry.transposed(current[1], kernel, 2, padding, 1, 0));
            int padWidth = (int) (target[2] - Geometry.transposed(current[2], kernel, 2, padding, 1, 0));
            int filters = i == 0 ? (int) image[0] : channels.get(i - 1);
            String f = i == 0 ? outputActivation : activation;
            ConvTranspose2dSpec up = new ConvTranspose2dSpec(filters, kernel, 2, padding, 1, padHeight, padWidth, f, null);
            decoder.add(up);
            current = up.outputShape(current);
        }
        decoder.add(ReshapeSpec.of(inputShape));
        Sequential encoderStack = Sequential.build("encoder", inputShape, encoder, context);
        Sequential decoderStack = Sequential.build("decoder", encoderStack.outputShape(), decoder, context);
        long code = encoderStack.outputShape()[0];
        return new Autoencoder(context.kernels(), encoderStack, new IdentityBottleneck(code), decoderStack, context.components().loss(loss));
    }
}
