package io.digitnet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PngFilesTest {
    @TempDir
    Path dir;

    @Test
    void aWrittenPictureReadsBackTheSame() throws IOException {
        double[] image = new double[784];
        image[14 * 28 + 14] = 1.0;
        BufferedImage picture = NetworkPicture.draw(image, List.of(new double[16], new double[10]), 3, 3);
        Path file = dir.resolve("network.png");
        PngFiles.write(picture, file);
        BufferedImage read = ImageIO.read(file.toFile());
        assertEquals(NetworkPicture.WIDTH, read.getWidth());
        assertEquals(NetworkPicture.HEIGHT, read.getHeight());
        for (int[] xy : new int[][] {{16 + 14 * 4, 124 + 14 * 4}, {0, 0}, {400, 200}}) {
            assertEquals(picture.getRGB(xy[0], xy[1]), read.getRGB(xy[0], xy[1]), "pixel " + xy[0] + "," + xy[1]);
        }
        assertEquals(0xFF000000, read.getRGB(16 + 14 * 4, 124 + 14 * 4), "the inked pixel");
    }

    @Test
    void aFileThatCannotBeWrittenIsNamed() {
        Path file = dir.resolve("missing").resolve("network.png");
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> PngFiles.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }
}
