package io.digitnet.data;

import io.digitnet.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Refuses an output that is an input, lies inside one or contains one: replacing it would
 * delete the data the job reads. Paths are compared qualified (scheme and authority) and,
 * on the local file system, with symbolic links resolved.
 */
final class PathOverlap {
    private PathOverlap() {}

    /**
     * @param output the output, qualified on its file system
     * @param named the option and the path as given, to begin the message
     * @param inputs the job's inputs as given (null entries are skipped)
     * @throws BadInputException naming the output and the input it overlaps
     */
    static void refuse(Path output, String named, Iterable<String> inputs, Configuration conf) {
        URI out = resolved(output, conf);
        for (String input : inputs) {
            if (input == null) {
                continue;
            }
            URI in = resolved(new Path(input), conf);
            String relation = relation(out, in);
            if (relation != null) {
                throw new BadInputException(named + ": expected an output apart from the inputs, found "
                        + relation + " the input " + input + " (nothing was touched)");
            }
        }
    }

    /** How {@code out} overlaps {@code in}, in words, or null when it does not. */
    private static String relation(URI out, URI in) {
        if (!java.util.Objects.equals(out.getScheme(), in.getScheme())
                || !java.util.Objects.equals(out.getAuthority(), in.getAuthority())) {
            return null;
        }
        String o = out.getPath();
        String i = in.getPath();
        if (o.equals(i)) {
            return "it is";
        }
        if (o.startsWith(withSlash(i))) {
            return "it lies inside";
        }
        if (i.startsWith(withSlash(o))) {
            return "it contains";
        }
        return null;
    }

    private static String withSlash(String path) {
        return path.endsWith("/") ? path : path + "/";
    }

    /** The path qualified, with local symbolic links resolved as far as the path exists. */
    private static URI resolved(Path path, Configuration conf) {
        FileSystem fs = HadoopFiles.fileSystem(path, conf);
        Path qualified = fs.makeQualified(path);
        if (!"file".equals(qualified.toUri().getScheme())) {
            return qualified.toUri();
        }
        java.nio.file.Path local = java.nio.file.Path.of(qualified.toUri()).normalize();
        java.nio.file.Path existing = local;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        try {
            java.nio.file.Path real = existing == null ? local
                    : existing.toRealPath().resolve(existing.relativize(local));
            return new URI("file", null, real.toString(), null, null);
        } catch (IOException e) {
            throw new UncheckedIOException("resolving " + path, e);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
