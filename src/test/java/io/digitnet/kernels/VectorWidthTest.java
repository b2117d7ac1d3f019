package io.digitnet.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernels' results do not depend on the vector width: {@link WidthProbe} trains and
 * scores small networks in JVMs whose vectors are limited to 128 and 256 bits and in one
 * left at this processor's widest, and all give the same bits; so do a JVM without the
 * vector module and one whose vectors hold a single double (64 bits), which run the plain
 * references of {@code nn} instead.
 */
class VectorWidthTest {
    @TempDir
    Path dir;

    @Test
    void everyVectorWidthGivesTheSameBitsAndThePlainJvmTheReferences() throws Exception {
        List<String> jvmArgs = Files.readAllLines(Path.of("conf/jvm.args")).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        assertTrue(jvmArgs.contains("--add-modules=jdk.incubator.vector"), jvmArgs.toString());
        List<double[]> widest = probe("widest", jvmArgs);
        for (int bytes : new int[] {8, 16, 32}) {
            List<String> limited = new ArrayList<>(jvmArgs);
            limited.add("-XX:MaxVectorSize=" + bytes);
            List<double[]> parts = probe("max-" + bytes, limited);
            for (int i = 0; i < parts.size(); i++) {
                assertArrayEquals(widest.get(i), parts.get(i), part(i) + " with vectors of at most " + bytes + " bytes");
            }
        }
        List<String> plain = jvmArgs.stream().filter(arg -> !arg.contains("jdk.incubator.vector")).toList();
        List<double[]> reference = probe("plain", plain);
        for (int i = 0; i < reference.size(); i++) {
            assertArrayEquals(widest.get(i), reference.get(i), part(i) + " without the vector module");
        }
    }

    private static String part(int i) {
        return WidthProbe.PARTS[i % WidthProbe.PARTS.length] + " of network " + i / WidthProbe.PARTS.length;
    }

    /** The probe's parts from a JVM with {@code jvmArgs}; checks the JVM had the vector module if asked. */
    private List<double[]> probe(String name, List<String> jvmArgs) throws IOException, InterruptedException {
        Path file = dir.resolve(name + ".bin");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), WidthProbe.class.getName(),
                file.toString()));
        Path log = dir.resolve(name + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(process.waitFor(3, TimeUnit.MINUTES), name + " ends");
        assertEquals(0, process.exitValue(), name + ": " + Files.readString(log));
        List<double[]> parts = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            boolean module = jvmArgs.contains("--add-modules=jdk.incubator.vector");
            assertEquals(module, in.readBoolean(), name + ": vector module");
            // Vectors of one double (-XX:MaxVectorSize=8) are left to the plain code.
            assertEquals(module && !jvmArgs.contains("-XX:MaxVectorSize=8"), in.readBoolean(), name + ": vector kernels");
            while (in.available() > 0) {
                double[] values = new double[in.readInt()];
                for (int k = 0; k < values.length; k++) {
                    values[k] = in.readDouble();
                }
                parts.add(values);
            }
        }
        assertEquals(WidthProbe.ARCHITECTURES.length * WidthProbe.PARTS.length, parts.size(), name);
        assertFalse(parts.get(0).length == 0);
        return parts;
    }
}
