package io.digitnet.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link HadoopFiles#writeWhole}, and through it {@link OutputFile}: a whole file or none, and nothing beside it. */
class WriteWholeTest {
    private static final Configuration CONF = new Configuration();

    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aWriteFailingHalfWayLeavesTheOldFileAndNoTemporaryOne() throws IOException {
        Path file = Files.writeString(dir.resolve("figures.json"), "old");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> HadoopFiles.writeWhole(
                new org.apache.hadoop.fs.Path(file.toUri()), CONF, out -> {
            out.write("{\"half\": ".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getCause().getMessage());
        assertEquals("old", Files.readString(file));
        assertEquals(List.of("figures.json"), names());
    }

    @Test
    void writesTheWholeFileWithoutAChecksumFileBesideIt() throws IOException {
        Path file = dir.resolve("figures.json");
        HadoopFiles.writeWhole(new org.apache.hadoop.fs.Path(file.toUri()), CONF,
                out -> out.write("{}".getBytes(StandardCharsets.UTF_8)));
        assertEquals("{}", Files.readString(file));
        assertEquals(List.of("figures.json"), names());
    }
}
