package io.digitnet.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A command of the digitnet CLI in a JVM of its own, as the jobs start it: a run a test can kill (SIGKILL). */
public final class OtherJvm {
    private OtherJvm() {}

    /** Starts {@code args} with this JVM's java, conf/jvm.args and class path, its output into {@code log}. */
    public static Process start(Path log, List<String> args) {
        try {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            Files.readAllLines(Path.of("conf/jvm.args")).stream().filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .forEach(command::add);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.digitnet.cli.Main"));
            command.addAll(args);
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("starting " + args, e);
        }
    }
}
