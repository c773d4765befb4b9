package org.ae4j.conv;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.ae4j.Ae4j;
import org.ae4j.config.ModelConfig;
import org.ae4j.data.Dataset;
import org.ae4j.data.FashionMnist;
import org.ae4j.data.ImageFolder;
import org.ae4j.data.MinMaxNormalizer;
import org.ae4j.model.Autoencoder;
import org.ae4j.registry.Registry;
import org.ae4j.train.Trainer;
import org.ae4j.train.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The embedded Fashion-MNIST sample written out as PNG files in class folders trains the conv variant to the
 * same loss as the same images from the IDX files: the folder reads back the very pixels, in folder order.
 */
class ImageFolderTrainingTest {

    private static final int IMAGES = 400;

    @TempDir
    Path dir;

    @Test
    void aFolderOfThePngImagesTrainsToTheSameLossAsTheIdxImages() throws IOException {
        Dataset idx = FashionMnist.sample().train().slice(0, IMAGES);
        int[] labels = idx.labels().orElseThrow();
        INDArray pixels = idx.features().reshape('c', IMAGES, 784);
        for (int i = 0; i < IMAGES; i++) {
            BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
            for (int p = 0; p < 784; p++) {
                image.getRaster().setSample(p % 28, p / 28, 0, (int) pixels.getDouble(i, p));
            }
            Path file = dir.resolve(String.valueOf(labels[i])).resolve(String.format("%05d.png", i));
            Files.createDirectories(file.getParent());
            ImageIO.write(image, "png", file.toFile());
        }

        ImageFolder.Images folder = ImageFolder.read(dir, Optional.empty(), false);
        assertThat(folder.geometry()).isEqualTo(new ImageFolder.Geometry(28, 28, 1));
        // the folder's order: by class folder, then by file name
        int[] order = IntStream.range(0, IMAGES).boxed()
                .sorted(Comparator.<Integer, String>comparing(i -> String.valueOf(labels[i])).thenComparing(i -> i))
                .mapToInt(Integer::intValue).toArray();
        Dataset fromIdx = idx.select(order);
        assertThat(folder.data().features()).isEqualTo(fromIdx.features().reshape('c', IMAGES, 784));
        assertThat(folder.classes()).containsExactlyElementsOf(IntStream.of(labels).distinct().sorted().mapToObj(String::valueOf).toList());

        assertThat(trainedLoss(folder.data())).isEqualTo(trainedLoss(Dataset.of(fromIdx.features().reshape('c', IMAGES, 784))));
    }

    private static double trainedLoss(Dataset raw) {
        Registry registry = Ae4j.registry();
        Dataset data = MinMaxNormalizer.fitGlobal(raw).transform(raw);
        ModelConfig config = ModelConfig.defaults(registry.variant(ConvVariant.NAME));
        TrainingConfig training = config.training().withEpochs(1).withBatchSize(64).withValidationFraction(0).withSeed(3);
        Autoencoder model = config.withTraining(training).build(data.exampleShape(), registry);
        return new Trainer(training).fit(model, config.optimizer().create(registry.kernels()), data).last().trainLoss();
    }
}
