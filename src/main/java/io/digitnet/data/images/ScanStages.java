package io.digitnet.data.images;

import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a scan's time goes on its way to MNIST's form, for the benchmark: the CPU time of
 * this thread decoding the files and normalising the images, measured apart on a sample,
 * after a pass that warms the JIT up. CPU time, not wall time, so that other work on a
 * shared machine moves the figures less.
 *
 * @param decodingMicros per scan: the PNG or JPEG file into an image
 * @param normalisingMicros per scan: the image into 784 MNIST bytes (grey levels, ink, specks, scaling, centring)
 */
public record ScanStages(int scans, double decodingMicros, double normalisingMicros) {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Measures {@code files}; those that do not decode or have no ink count their time until they fail. */
    public static ScanStages measure(List<byte[]> files) {
        run(files); // warm-up
        List<BufferedImage> images = new ArrayList<>(files.size());
        long started = THREADS.getCurrentThreadCpuTime();
        for (byte[] file : files) {
            try {
                images.add(ImageDecoder.decode(file));
            } catch (UnreadableImageException e) {
                // a reject: its decoding counted, nothing to normalise
            }
        }
        long decoded = THREADS.getCurrentThreadCpuTime();
        for (BufferedImage image : images) {
            try {
                ScanNormaliser.normalise(image);
            } catch (UnreadableImageException e) {
                // no ink: its normalising counted
            }
        }
        long normalised = THREADS.getCurrentThreadCpuTime();
        return new ScanStages(files.size(), (decoded - started) / 1e3 / files.size(),
                (normalised - decoded) / 1e3 / files.size());
    }

    private static void run(List<byte[]> files) {
        for (byte[] file : files) {
            try {
                ScanNormaliser.normalise(file);
            } catch (UnreadableImageException e) {
                // the same in the measured pass
            }
        }
    }
}
