package io.digitnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitnet.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings: command line, then the conf file, then the option's own default. */
class ConfDefaultsTest {
    @TempDir
    Path dir;

    @AfterEach
    void forgetConf() {
        System.clearProperty(ConfDefaults.PROPERTY);
    }

    @Test
    void confFileValueIsTheDefaultAndTheCommandLineWins() throws IOException {
        Path conf = Files.writeString(dir.resolve("digitnet.properties"), "ingest.rows-per-file=1234\n");
        System.setProperty(ConfDefaults.PROPERTY, conf.toString());
        CliRun help = CliRun.of("ingest", "--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().replaceAll("\\s+", " ").contains("(default: 1234,"), help.out());

        // The conf value is checked like a typed one: -1 from the file is refused,
        // and a valid value on the command line replaces it before any check.
        Files.writeString(conf, "ingest.rows-per-file=-1\n");
        CliRun fromFile = CliRun.of("ingest", "--input", "x", "--output", dir.resolve("o").toString());
        assertEquals(2, fromFile.exitCode());
        assertEquals(List.of("digitnet ingest: --rows-per-file: expected a positive number, found -1"),
                fromFile.errLines());
    }

    @Test
    void homeInAValueIsTheProjectFolder() throws IOException {
        Path conf = Files.writeString(dir.resolve("digitnet.properties"),
                "fetch.mirrors-file=${digitnet.home}/conf/list.txt\n");
        System.setProperty(ConfDefaults.PROPERTY, conf.toString());
        System.setProperty(ConfDefaults.HOME_PROPERTY, "/opt/digitnet");
        try {
            CliRun help = CliRun.of("fetch", "--help");
            assertTrue(help.out().contains("/opt/digitnet/conf/list.txt"), help.out());
        } finally {
            System.clearProperty(ConfDefaults.HOME_PROPERTY);
        }
    }

    @Test
    void namedConfFileMustExist() {
        System.setProperty(ConfDefaults.PROPERTY, dir.resolve("absent.properties").toString());
        CliRun run = CliRun.of("ingest", "--help");
        assertEquals(2, run.exitCode());
        assertEquals(List.of("digitnet: " + dir.resolve("absent.properties") + " (-Ddigitnet.conf): no such file"),
                run.errLines());
    }

    @Test
    void noCommandIsAUsageError() {
        CliRun run = CliRun.of();
        assertEquals(2, run.exitCode());
        assertEquals(1, run.errLines().size(), run.toString());
        assertTrue(run.errLines().get(0).startsWith("digitnet: a command is needed: "), run.toString());
    }
}
