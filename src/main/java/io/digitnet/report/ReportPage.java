package io.digitnet.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The report's index.html, built section by section in a folder: every picture is
 * written beside it as a PNG and linked with its size, and nothing is loaded from
 * elsewhere, so the folder opens from disk in any browser, offline.
 */
final class ReportPage {
    /** Rough heights in a browser, to size a screenshot: a heading, a line of text, a caption, a table row. */
    private static final int HEADING = 60;
    private static final int LINE = 22;
    private static final int CAPTION = 50;
    private static final int ROW = 30;

    private final Path folder;
    private final StringBuilder body = new StringBuilder();
    private int height = 2 * HEADING;

    ReportPage(Path folder) {
        this.folder = folder;
    }

    Path folder() {
        return folder;
    }

    void heading(String text) {
        height += HEADING;
        body.append("<h2>").append(escape(text)).append("</h2>\n");
    }

    void paragraph(String text) {
        height += LINE * (1 + text.length() / 150);
        body.append("<p>").append(escape(text)).append("</p>\n");
    }

    /** A paragraph that is a link to {@code file}, a page in the same folder. */
    void link(String text, String file) {
        height += LINE;
        body.append("<p><a href=\"").append(escape(file)).append("\">").append(escape(text)).append("</a></p>\n");
    }

    /** Writes {@code image} as {@code name}.png and shows it at its own size. */
    void image(String name, BufferedImage image, String alt) {
        String file = name + ".png";
        height += image.getHeight() + CAPTION;
        PngFiles.write(image, folder.resolve(file));
        body.append("<figure><img src=\"").append(escape(file)).append("\" width=\"").append(image.getWidth())
                .append("\" height=\"").append(image.getHeight()).append("\" alt=\"").append(escape(alt))
                .append("\"><figcaption>").append(escape(alt)).append("</figcaption></figure>\n");
    }

    void table(List<String> headers, List<List<String>> rows) {
        height += ROW * (rows.size() + 1);
        body.append("<table>\n<tr>");
        headers.forEach(h -> body.append("<th>").append(escape(h)).append("</th>"));
        body.append("</tr>\n");
        for (List<String> row : rows) {
            body.append("<tr>");
            row.forEach(cell -> body.append("<td>").append(escape(cell)).append("</td>"));
            body.append("</tr>\n");
        }
        body.append("</table>\n");
    }

    /** About how tall the page is in a browser window wide enough for its pictures, in pixels. */
    int height() {
        return height;
    }

    /** Writes index.html with {@code title}. */
    void write(String title) {
        String html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>"
                + escape(title) + "</title>\n<style>\n"
                + "body { font-family: sans-serif; margin: 2em; max-width: 1500px; color: #222; }\n"
                + "figure { margin: 1em 0; } figcaption { color: #555; font-size: 0.9em; }\n"
                + "img { max-width: 100%; height: auto; }\n"
                + "table { border-collapse: collapse; } td, th { border: 1px solid #ccc; padding: 0.2em 0.6em; }\n"
                + "td { text-align: right; } th { background: #f3f3f3; }\n"
                + "</style>\n</head>\n<body>\n<h1>" + escape(title) + "</h1>\n" + body + "</body>\n</html>\n";
        try {
            Files.writeString(folder.resolve("index.html"), html, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + folder.resolve("index.html"), e);
        }
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
