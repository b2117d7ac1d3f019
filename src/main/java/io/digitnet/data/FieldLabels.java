package io.digitnet.data;

import io.digitnet.BadInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The true text of labelled fields, from a CSV of {@code path,text} lines (an optional
 * {@code path,text} header first, as make-scan-data --fields writes): each path relative to
 * the CSV's folder unless absolute, each text the field's digits, kept as a string (a
 * leading 0 is a digit). Read on the driver: a line per field, a few MB for a night's forms.
 */
public final class FieldLabels {
    private static final Pattern TEXT = Pattern.compile("[0-9]{1,64}");

    private FieldLabels() {}

    /** Each field's qualified path and its text; a malformed line or repeated path is refused naming its line. */
    public static Map<String, String> read(String csv, Configuration conf) {
        Path file = new Path(csv);
        FileSystem fs = HadoopFiles.fileSystem(file, conf);
        HadoopFiles.status(fs, file, "labels file");
        Path folder = fs.makeQualified(file).getParent();
        Map<String, String> texts = new LinkedHashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(fs.open(file), StandardCharsets.UTF_8))) {
            int number = 0;
            for (String line; (line = in.readLine()) != null; ) {
                number++;
                String stripped = line.strip();
                if (stripped.isEmpty() || (number == 1 && stripped.equalsIgnoreCase("path,text"))) {
                    continue;
                }
                int comma = stripped.lastIndexOf(',');
                String text = comma < 0 ? "" : stripped.substring(comma + 1).strip();
                if (comma <= 0 || !TEXT.matcher(text).matches()) {
                    throw new BadInputException(csv + ": line " + number + ": expected path,text (text: the field's "
                            + "1 to 64 digits), found '" + abbreviated(line) + "'");
                }
                String path = stripped.substring(0, comma).strip();
                Path qualified = fs.makeQualified(new Path(path).isAbsolute() || path.contains(":") ? new Path(path)
                        : new Path(folder, path));
                if (texts.put(qualified.toString(), text) != null) {
                    throw new BadInputException(csv + ": line " + number + ": expected each field once, found " + path
                            + " again");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + csv, e);
        }
        if (texts.isEmpty()) {
            throw new BadInputException(csv + ": expected path,text lines, found none");
        }
        return texts;
    }

    private static String abbreviated(String line) {
        return line.length() <= 60 ? line : line.substring(0, 57) + "...";
    }
}
