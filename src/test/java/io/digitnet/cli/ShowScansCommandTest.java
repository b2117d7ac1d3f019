package io.digitnet.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitnet.data.images.ScanNormaliser;
import io.digitnet.data.images.ScanPicture;
import io.digitnet.data.images.ScanRenderer;
import io.digitnet.data.images.ScanStyle;
import io.digitnet.testing.CliRun;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** show-scans: each scan beside the 28x28 the network is given, for a person to look at. */
class ShowScansCommandTest {
    /** A 3 of bars in MNIST's form, to render as scans. */
    private static byte[] three() {
        byte[] pixels = new byte[784];
        for (int x = 8; x < 20; x++) {
            for (int y : new int[] {5, 6, 13, 14, 21, 22}) {
                pixels[y * 28 + x] = (byte) 255;
            }
        }
        for (int y = 5; y < 23; y++) {
            pixels[y * 28 + 18] = (byte) 255;
            pixels[y * 28 + 19] = (byte) 255;
        }
        return pixels;
    }

    @Test
    void eachScanIsDrawnBesideWhatTheNetworkIsGivenAndABrokenOneIsNamedWithItsReason(@TempDir Path dir)
            throws Exception {
        Path scans = Files.createDirectories(dir.resolve("scans"));
        byte[] boxed = ScanRenderer.render(three(), 3, ScanRenderer.Format.PNG, ScanRenderer.Layout.DEFAULT,
                ScanStyle.BOXED);
        Files.write(scans.resolve("a.png"), boxed);
        Files.write(scans.resolve("b.jpg"), "not an image".getBytes());
        Files.write(scans.resolve("c.png"), ScanRenderer.render(three(), 4, ScanRenderer.Format.PNG));
        Files.write(scans.resolve("d.png"), ScanRenderer.render(three(), 5, ScanRenderer.Format.PNG));
        Path out = dir.resolve("pictures");

        CliRun run = CliRun.of("show-scans", "--input", scans.toString(), "--count", "3", "--out", out.toString());

        assertEquals(0, run.exitCode(), run.err());
        List<String> index = Files.readAllLines(out.resolve("index.txt"));
        assertEquals(3, index.size(), "the first 3 scans in path order: " + index);
        assertTrue(index.get(0).startsWith("0.png\t") && index.get(0).endsWith("/a.png"), index.get(0));
        assertTrue(index.get(1).startsWith("-\t") && index.get(1).endsWith("b.jpg\tnot a PNG or JPEG image"),
                index.get(1));
        assertTrue(index.get(2).startsWith("2.png\t") && index.get(2).endsWith("/c.png"), index.get(2));
        assertFalse(Files.exists(out.resolve("1.png")));
        BufferedImage picture = ImageIO.read(out.resolve("0.png").toFile());
        assertEquals(112, picture.getHeight());
        assertEquals(Math.round(110 * 112 / 96.0) + 8 + 112, picture.getWidth(), "the scan, a gap, the 28x28 x4");
        assertArrayEquals(ScanNormaliser.normalise(boxed), ScanPicture.digitOf(picture), "the right half is the 28x28");
    }

    @Test
    void aMissingFolderOrABadCountIsOneLineAndExitTwoLeavingNothing(@TempDir Path dir) {
        Path out = dir.resolve("pictures");
        CliRun missing = CliRun.of("show-scans", "--input", dir.resolve("nothing").toString(), "--out", out.toString());
        assertEquals(2, missing.exitCode());
        assertEquals(1, missing.err().strip().lines().count(), missing.err());
        assertTrue(missing.err().contains("nothing"), missing.err());
        CliRun zero = CliRun.of("show-scans", "--input", dir.toString(), "--count", "0", "--out", out.toString());
        assertEquals(2, zero.exitCode());
        assertTrue(zero.err().contains("--count"), zero.err());
        assertFalse(Files.exists(out));
    }
}
