package io.digitnet.data;

import io.digitnet.data.images.ScanPicture;
import io.digitnet.data.images.UnreadableImageException;
import java.io.IOException;
import java.io.OutputStream;
import java.awt.image.BufferedImage;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;

/**
 * The first scans of a folder (as score lists them: in path order, hidden ones left out) each drawn beside its 28x28 ({@link ScanPicture}), as {@code <n>.png} files, with
 * {@code index.txt} telling which scan each is, or why a scan has no picture.
 */
public final class ScanPictures {
    public static final String INDEX = "index.txt";

    private ScanPictures() {}

    /** Writes the pictures of up to {@code count} scans of {@code folder} into {@code output}; returns how many scans it looked at. */
    public static int write(Configuration conf, String folder, int count, OutputDir output) {
        List<Row> files = ImageFolders.list(conf, folder).files();
        List<Path> scans = files.subList(0, Math.min(count, files.size())).stream()
                .map(file -> new Path(file.getString(0))).toList();
        FileSystem fs = HadoopFiles.plainFileSystem(scans.get(0), conf);
        try {
            StringBuilder index = new StringBuilder();
            for (int n = 0; n < scans.size(); n++) {
                byte[] file = ImageFolders.content(fs, scans.get(n));
                String name = n + ".png";
                BufferedImage drawn;
                try {
                    drawn = ScanPicture.of(file);
                } catch (UnreadableImageException e) {
                    index.append("-\t").append(scans.get(n)).append('\t').append(e.getMessage()).append('\n');
                    continue;
                }
                Path picture = new Path(output.staging(), name);
                try (OutputStream out = HadoopFiles.fileSystem(picture, conf).create(picture, false)) {
                    ImageIO.write(drawn, "png", out);
                }
                index.append(name).append('\t').append(scans.get(n)).append('\n');
            }
            Path indexFile = new Path(output.staging(), INDEX);
            try (OutputStream out = HadoopFiles.fileSystem(indexFile, conf).create(indexFile, false)) {
                out.write(index.toString().getBytes(StandardCharsets.UTF_8));
            }
            output.commit();
        } catch (IOException e) {
            output.abort();
            throw new UncheckedIOException("writing " + output.target(), e);
        } catch (RuntimeException e) {
            output.abort();
            throw e;
        }
        return scans.size();
    }
}
