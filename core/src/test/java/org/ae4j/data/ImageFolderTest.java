package org.ae4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderTest {

    @TempDir
    Path dir;

    private void png(Path file, int width, int height, int type, int value) throws IOException {
        Files.createDirectories(file.getParent());
        BufferedImage image = new BufferedImage(width, height, type);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.getRaster().setSample(x, y, 0, (value + x + y) & 0xFF);
            }
        }
        ImageIO.write(image, "png", file.toFile());
    }

    @Test
    void readsClassFoldersInNameOrderChannelFirst() throws IOException {
        png(dir.resolve("cat/b.png"), 4, 3, BufferedImage.TYPE_BYTE_GRAY, 10);
        png(dir.resolve("cat/a.png"), 4, 3, BufferedImage.TYPE_BYTE_GRAY, 20);
        png(dir.resolve("dog/c.png"), 8, 6, BufferedImage.TYPE_BYTE_GRAY, 30);
        ImageFolder.Images images = ImageFolder.read(dir, Optional.empty(), false);
        assertThat(images.geometry()).isEqualTo(new ImageFolder.Geometry(4, 3, 1));
        assertThat(images.classes()).containsExactly("cat", "dog");
        assertThat(images.data().labels()).hasValueSatisfying(l -> assertThat(l).containsExactly(0, 0, 1));
        assertThat(images.data().features().shape()).containsExactly(3, 12);
        assertThat(images.data().features().getDouble(0, 0)).isEqualTo(20);     // a.png first
        assertThat(images.data().features().getDouble(0, 5)).isEqualTo(20 + 1 + 1);   // row 1, column 1
    }

    @Test
    void colourImagesGiveThreeChannels() throws IOException {
        Path file = dir.resolve("x.png");
        BufferedImage rgb = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(0, 0, 0x102030);
        ImageIO.write(rgb, "png", file.toFile());
        ImageFolder.Images images = ImageFolder.read(dir, Optional.empty(), false);
        assertThat(images.geometry()).isEqualTo(new ImageFolder.Geometry(2, 2, 3));
        assertThat(images.data().features().getRow(0).toDoubleVector()).startsWith(0x10, 0, 0, 0, 0x20);
        assertThat(images.data().labels()).isEmpty();
    }

    @Test
    void anImageThatDoesNotDecodeIsNamedOrSkippedWhenAsked() throws IOException {
        png(dir.resolve("a/ok.png"), 3, 3, BufferedImage.TYPE_BYTE_GRAY, 0);
        Path bad = dir.resolve("a/broken.png");
        Files.write(bad, new byte[] {1, 2, 3, 4, 5});
        assertThatThrownBy(() -> ImageFolder.read(dir, Optional.empty(), false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(bad + " does not decode as an image").hasMessageContaining("--skip-bad");
        ImageFolder.Images images = ImageFolder.read(dir, Optional.empty(), true);
        assertThat(images.skipped()).containsExactly(bad);
        assertThat(images.data().size()).isEqualTo(1);
    }

    @Test
    void refusesAFolderWithoutImagesAndOneThatMixesLevels() throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "no images here");
        assertThatThrownBy(() -> ImageFolder.read(dir, Optional.empty(), false)).hasMessageStartingWith(dir + " holds no image");
        png(dir.resolve("top.png"), 2, 2, BufferedImage.TYPE_BYTE_GRAY, 0);
        png(dir.resolve("cls/one.png"), 2, 2, BufferedImage.TYPE_BYTE_GRAY, 0);
        assertThatThrownBy(() -> ImageFolder.read(dir, Optional.empty(), false)).hasMessageContaining("mixes images at its top");
    }
}
