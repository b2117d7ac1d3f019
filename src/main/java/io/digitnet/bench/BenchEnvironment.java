package io.digitnet.bench;

import io.digitnet.kernels.Kernels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * Where the benchmark ran, as "name: value" lines for the report: Java, cores, CPU,
 * memory, Spark, which kernels ours ran and which BLAS MLPC's matrix products went through
 * (Spark's nativeBLAS, which its layers' gemm calls and which falls back to Java when no
 * native library loads), plus the native libraries this JVM has mapped.
 */
final class BenchEnvironment {
    private BenchEnvironment() {}

    static Map<String, String> describe(SparkSession spark) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ", "
                + System.getProperty("java.vendor") + ")");
        out.put("cores (availableProcessors)", String.valueOf(Runtime.getRuntime().availableProcessors()));
        out.put("cpu", cpuModel());
        out.put("max heap", Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB");
        out.put("spark", spark.version() + ", master " + spark.sparkContext().master() + ", default parallelism "
                + spark.sparkContext().defaultParallelism());
        out.put("ours: Kernels.describe()", Kernels.describe());
        out.put("netlib BLAS.getInstance()", dev.ludovic.netlib.blas.BLAS.getInstance().getClass().getName());
        out.put("MLPC: Spark ml.linalg.BLAS.nativeBLAS() (its gemm)",
                org.apache.spark.ml.linalg.BLAS$.MODULE$.nativeBLAS().getClass().getName());
        out.put("native BLAS libraries mapped", nativeBlasLibraries());
        out.put("OPENBLAS_NUM_THREADS", String.valueOf(System.getenv("OPENBLAS_NUM_THREADS")));
        out.put("dev.ludovic.netlib.blas.allowNative",
                String.valueOf(System.getProperty("dev.ludovic.netlib.blas.allowNative")));
        return out;
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst().orElse("unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** The shared libraries with "blas" in their path that this process has mapped (Linux). */
    private static String nativeBlasLibraries() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/maps"))) {
            TreeSet<String> found = new TreeSet<>();
            lines.map(l -> l.split("\\s+")).filter(f -> f.length >= 6).map(f -> f[f.length - 1])
                    .filter(p -> p.toLowerCase(java.util.Locale.ROOT).contains("blas")).forEach(found::add);
            return found.isEmpty() ? "none" : String.join(", ", List.copyOf(found));
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
