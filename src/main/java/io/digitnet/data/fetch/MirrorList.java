package io.digitnet.data.fetch;

import io.digitnet.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Mirror base URLs, each one a folder that the file names are appended to. The mirrors
 * file holds one a line; '#' starts a comment (a base URL has no use for a fragment) and
 * blank lines are skipped.
 */
public final class MirrorList {
    private MirrorList() {}

    public static List<URI> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file + ": no such mirrors file");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file, e);
        }
        List<URI> mirrors = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int comment = line.indexOf('#');
            String text = (comment < 0 ? line : line.substring(0, comment)).strip();
            if (!text.isEmpty()) {
                mirrors.add(parse(text, file + ":" + (i + 1)));
            }
        }
        if (mirrors.isEmpty()) {
            throw new BadInputException(file + ": expected mirror base URLs, one a line, found none");
        }
        return List.copyOf(mirrors);
    }

    /**
     * One base URL; {@code where} names its origin (an option or file:line) for the error.
     * A missing trailing '/' is added, since the file name goes inside the folder, not
     * in place of its last segment.
     */
    public static URI parse(String text, String where) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw notABaseUrl(text, where);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw notABaseUrl(text, where);
        }
        return text.endsWith("/") ? uri : URI.create(text + "/");
    }

    /** Where a mirror keeps one file. */
    public static URI fileUrl(URI mirror, String fileName) {
        return mirror.resolve(fileName);
    }

    private static BadInputException notABaseUrl(String text, String where) {
        return new BadInputException(where + ": expected an http:// or https:// base URL, found '" + text + "'");
    }
}
