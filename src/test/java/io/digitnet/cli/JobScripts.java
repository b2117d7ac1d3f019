package io.digitnet.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The jobs/ scripts run as a user runs them, for the *IT tests: a new process through
 * jobs/lib/launcher.sh on the packaged jar, its Spark scratch and its output in {@code dir}.
 */
final class JobScripts {
    private final Path dir;
    private final Map<String, String> env;

    /** Runs with their scratch and output in {@code dir}, {@code env} added to their environment. */
    JobScripts(Path dir, Map<String, String> env) {
        this.dir = dir;
        this.env = env;
    }

    JobScripts(Path dir) {
        this(dir, Map.of());
    }

    /** A finished run: its exit code and everything it printed. */
    record Run(int exitCode, String out, List<String> errLines) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + String.join("\n", errLines);
        }
    }

    /** A process of {@code command}, not started. */
    ProcessBuilder launch(String... command) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("DIGITNET_SCRATCH", dir.resolve("scratch").toString());
        builder.environment().putAll(env);
        return builder;
    }

    /** jobs/{@code script} run to its end (at most 5 minutes). */
    Run job(String script, String... args) throws IOException, InterruptedException {
        return job(Map.of(), script, args);
    }

    /** As {@link #job(String, String...)}, with {@code more} added to the environment. */
    Run job(Map<String, String> more, String script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("jobs/" + script));
        command.addAll(List.of(args));
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        ProcessBuilder builder = launch(command.toArray(String[]::new))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().putAll(more);
        Process process = builder.start();
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "the job ends");
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readAllLines(err, StandardCharsets.UTF_8));
    }

    /** A model directory's model.json without what differs between identical runs: when it was made, how long epochs took. */
    static ObjectNode modelJsonWithoutTimes(Path model) throws IOException {
        ObjectNode json = (ObjectNode) new ObjectMapper().readTree(model.resolve("model.json").toFile());
        assertTrue(json.remove("created").isTextual(), json.toString());
        json.get("epochs").forEach(epoch -> assertTrue(((ObjectNode) epoch).remove("seconds").isNumber()));
        return json;
    }

    /** Whether a job's hidden staging folder somewhere in {@code folder} holds part files being written. */
    static boolean writingParts(Path folder) throws IOException {
        try (var files = Files.walk(folder)) {
            return files.anyMatch(file -> file.toString().contains(".inprogress-")
                    && file.getFileName().toString().startsWith("part-"));
        }
    }

    static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
