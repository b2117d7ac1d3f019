package io.digitnet.cli;

import io.digitnet.BadInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/** What every benchmark takes: where its Markdown report goes, and on which Spark it runs. */
final class BenchOptions {
    @Option(names = "--out", paramLabel = "FILE", description = "also write the Markdown report to FILE")
    Path out;

    @Option(names = "--overwrite", description = "replace an existing --out file")
    boolean overwrite;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master (default: spark-submit's master, else local[2])")
    String master;

    /** Refuses an --out file that cannot be written, before any work. */
    void checkOut() {
        if (out != null) {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                throw new BadInputException("--out " + out + ": no such directory " + parent);
            }
            if (Files.exists(out) && !overwrite) {
                throw new BadInputException("--out " + out + ": already exists (add --overwrite to replace it)");
            }
        }
    }

    /** The benchmark's session: spark-submit's master if there is one, else local[2], the machine we measure. */
    SparkSession session(String name) {
        return session(name, java.util.Map.of());
    }

    /** As {@link #session(String)}, with {@code conf} for a session the benchmark starts. */
    SparkSession session(String name, java.util.Map<String, String> conf) {
        SparkOptions sparkOptions = new SparkOptions();
        sparkOptions.master = master != null ? master : System.getProperty("spark.master") != null ? null : "local[2]";
        return sparkOptions.session(name, conf);
    }

    /** Prints the report, and writes it to --out (if given) all at once. */
    void report(String markdown) throws IOException {
        System.out.println();
        System.out.print(markdown);
        if (out != null) {
            Path temporary = Files.createTempFile(out.toAbsolutePath().getParent(), "." + out.getFileName(), ".tmp");
            Files.writeString(temporary, markdown, StandardCharsets.UTF_8);
            Files.move(temporary, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            System.out.println("bench: report written to " + out);
        }
    }
}
