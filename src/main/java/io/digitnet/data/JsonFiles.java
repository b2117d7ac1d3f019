package io.digitnet.data;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.digitnet.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The JSON files digitnet reads (model.json, checkpoints' progress, tuning results and
 * settings), read as plain trees within limits: never more than {@link #MAX_BYTES}, never
 * nested deeper than {@link #MAX_DEPTH}, no string or number beyond what any of them holds,
 * so that a crafted file costs neither the heap nor the stack. Nothing is ever read as a
 * Java object but through the tree. Every failure is one BadInputException naming the file.
 */
public final class JsonFiles {
    /** The largest file read: 100,000 epochs of metrics in model.json take 14 MB, and a file is parsed whole. */
    public static final long MAX_BYTES = 64L * 1024 * 1024;
    /** Deeper than any of the files needs (model.json's own fields nest 3 deep), shallow enough for any stack. */
    public static final int MAX_DEPTH = 100;

    /** Reads and writes the project's JSON: indented, strict about duplicate keys and trailing tokens. */
    public static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH)
                            .maxStringLength(1024 * 1024)
                            .maxNumberLength(100)
                            .maxDocumentLength(MAX_BYTES)
                            .build())
                    .build())
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private JsonFiles() {}

    /** The JSON tree of {@code file} on its Hadoop file system. */
    public static JsonNode read(Configuration conf, Path file) {
        FileSystem fs = HadoopFiles.fileSystem(file, conf);
        try (InputStream in = fs.open(file)) {
            return read(file.toString(), fs.getFileStatus(file).getLen(), in);
        } catch (java.io.FileNotFoundException e) {
            throw new BadInputException(file + ": expected a JSON file, found none");
        } catch (org.apache.hadoop.fs.ChecksumException e) {
            throw new BadInputException(file + ": expected the bytes written, found others (its checksum file no "
                    + "longer matches: changed since?)", e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file, e);
        }
    }

    /**
     * {@code file}'s JSON object as {@code type} (a record, or a Map of plain values), bound
     * from the tree; fails naming the file and {@code what} it should have held.
     */
    public static <T> T read(Configuration conf, Path file, Class<T> type, String what) {
        JsonNode tree = read(conf, file);
        if (!tree.isObject()) {
            throw new BadInputException(file + ": expected " + what + " (a JSON object), found a JSON "
                    + tree.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
        }
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (JacksonException e) {
            throw new BadInputException(file + ": expected " + what + ", found " + firstLine(e), e);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(file + ": expected " + what + ", found " + e.getMessage(), e);
        }
    }

    /**
     * The JSON tree of {@code file}, {@code bytes} long, from {@code in}.
     *
     * @throws BadInputException naming {@code file}: too large, not JSON (truncated, nested too
     *     deep, a string or number too long), or empty
     */
    public static JsonNode read(String file, long bytes, InputStream in) throws IOException {
        if (bytes > MAX_BYTES) {
            throw new BadInputException(file + ": expected at most " + (MAX_BYTES >> 20) + " MB (" + MAX_BYTES
                    + " bytes) of JSON, found " + bytes + " bytes");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(in);
        } catch (StreamConstraintsException e) {
            // Jackson's message ends by naming its own getter, which says nothing to a user.
            String problem = firstLine(e).replaceAll(",? from `[^`]*`", "");
            throw new BadInputException(file + ": expected JSON within digitnet's limits, found " + problem, e);
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + " column " + at.getColumnNr();
            // Jackson says so for every end of input it did not expect, JsonEOFException or not.
            boolean ended = firstLine(e).startsWith("Unexpected end-of-input");
            String found = ended ? "the file ending half-way (truncated?)" : "a syntax error";
            throw new BadInputException(file + ": expected JSON, found " + found + where + ": " + firstLine(e), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new BadInputException(file + ": expected a JSON object, found an empty file");
        }
        return root;
    }

    private static String firstLine(JacksonException e) {
        return e.getOriginalMessage() == null ? "" : e.getOriginalMessage().lines().findFirst().orElse("");
    }
}
