package io.digitnet.data.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.digitnet.BadInputException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MirrorListTest {
    @TempDir
    Path dir;

    @Test
    void readsBaseUrlsSkippingCommentsAndBlankLines() throws IOException {
        Path file = Files.writeString(dir.resolve("mirrors.txt"), """
                # a comment
                https://example.org/mnist/

                   http://example.com/data   # no slash: added
                """);
        assertEquals(List.of(URI.create("https://example.org/mnist/"), URI.create("http://example.com/data/")),
                MirrorList.read(file));
    }

    @Test
    void fileNamesGoInsideTheBaseFolder() {
        URI base = MirrorList.parse("https://example.org/a/mnist", "--mirror");
        assertEquals(URI.create("https://example.org/a/mnist/t10k-labels-idx1-ubyte.gz"),
                MirrorList.fileUrl(base, "t10k-labels-idx1-ubyte.gz"));
    }

    @Test
    void theProjectsMirrorsFileIsReadable() {
        List<URI> mirrors = MirrorList.read(Path.of("conf", "mnist-mirrors.txt"));
        assertEquals(3, mirrors.size(), mirrors.toString());
    }

    @Test
    void refusesWhatIsNotAnHttpBaseUrlNamingTheLine() throws IOException {
        Path file = Files.writeString(dir.resolve("mirrors.txt"), "https://ok.example/\nftp://example.org/mnist/\n");
        BadInputException e = assertThrows(BadInputException.class, () -> MirrorList.read(file));
        assertEquals(file + ":2: expected an http:// or https:// base URL, found 'ftp://example.org/mnist/'",
                e.getMessage());
        assertThrows(BadInputException.class, () -> MirrorList.parse("not a url", "--mirror"));
        assertThrows(BadInputException.class, () -> MirrorList.parse("https:///nohost", "--mirror"));
    }

    @Test
    void refusesAnEmptyOrMissingFile() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.txt"), "# nothing\n\n");
        assertEquals(empty + ": expected mirror base URLs, one a line, found none",
                assertThrows(BadInputException.class, () -> MirrorList.read(empty)).getMessage());
        Path absent = dir.resolve("absent.txt");
        assertEquals(absent + ": no such mirrors file",
                assertThrows(BadInputException.class, () -> MirrorList.read(absent)).getMessage());
    }
}
