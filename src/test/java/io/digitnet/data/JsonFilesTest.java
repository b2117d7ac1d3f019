package io.digitnet.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitnet.BadInputException;
import io.digitnet.tune.TuneResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON files digitnet reads: within limits, as trees, never as Java objects, every failure one line naming the file. */
class JsonFilesTest {
    @TempDir
    Path dir;

    private final Configuration conf = new Configuration();

    private String refusal(Path file) {
        return assertThrows(BadInputException.class, () -> TuneResult.read(conf,
                new org.apache.hadoop.fs.Path(file.toUri()))).getMessage();
    }

    @Test
    void aTuningResultReplacedByASerialisedJavaObjectIsRefusedAsNoJson() throws IOException {
        ByteArrayOutputStream serialised = new ByteArrayOutputStream();
        try (ObjectOutputStream objects = new ObjectOutputStream(serialised)) {
            objects.writeObject(new java.util.HashMap<>(Map.of("status", "ok")));
        }
        Path file = Files.write(dir.resolve("result.json"), serialised.toByteArray());
        String message = refusal(file);
        assertTrue(message.startsWith("file:" + file + ": expected JSON, found a syntax error at line 1 column "),
                message);
        assertEquals(1, message.lines().count(), message);
    }

    @Test
    void jsonNestedTooDeepOrWithTooLongAStringIsRefusedBeforeItIsBuilt() throws IOException {
        Path deep = Files.writeString(dir.resolve("deep.json"), "{\"a\":".repeat(1000) + "1" + "}".repeat(1000));
        assertTrue(refusal(deep).startsWith("file:" + deep + ": expected JSON within digitnet's limits, found "
                + "Document nesting depth (101) exceeds the maximum allowed (100"), refusal(deep));
        Path longString = Files.writeString(dir.resolve("long.json"), "{\"name\":\"" + "x".repeat(2 << 20) + "\"}");
        assertTrue(refusal(longString).startsWith("file:" + longString + ": expected JSON within digitnet's limits, "
                + "found String value length"), refusal(longString));
    }

    @Test
    void aJsonValueOfTheWrongShapeNamesWhatWasExpected() throws IOException {
        Path array = Files.writeString(dir.resolve("array.json"), "[1, 2]");
        assertEquals("file:" + array + ": expected a tuning result (a JSON object), found a JSON array",
                refusal(array));
        Path wrongType = Files.writeString(dir.resolve("wrong.json"), "{\"epochs\": \"many\"}");
        assertTrue(refusal(wrongType).startsWith("file:" + wrongType + ": expected a tuning result, found "),
                refusal(wrongType));
        Path empty = Files.writeString(dir.resolve("empty.json"), "");
        assertEquals("file:" + empty + ": expected a JSON object, found an empty file", refusal(empty));
    }

    @Test
    void aFileLargerThanTheLimitIsRefusedUnread() {
        BadInputException e = assertThrows(BadInputException.class, () -> JsonFiles.read("big.json",
                JsonFiles.MAX_BYTES + 1, java.io.InputStream.nullInputStream()));
        assertEquals("big.json: expected at most 64 MB (67108864 bytes) of JSON, found 67108865 bytes", e.getMessage());
    }
}
