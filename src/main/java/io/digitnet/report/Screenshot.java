package io.digitnet.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A picture of a report's page as a browser shows it, taken by headless Chromium where one
 * is installed (Debian's chromium package): proof that the page opens from disk and what
 * it shows. Chromium is started with its background networking off, as this machine's
 * closed network refuses those connections, and with a fresh profile.
 */
public final class Screenshot {
    /** Where Debian, Ubuntu and Google install it, tried in this order. */
    private static final List<String> CHROMIUMS = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome");
    /** Wide enough for a report's widest picture (the weight grids, 1416 px). */
    public static final int WIDTH = 1500;
    private static final long TIMEOUT_SECONDS = 120;

    private Screenshot() {}

    /** The first Chromium installed, if any. */
    public static Optional<Path> chromium() {
        return CHROMIUMS.stream().map(Path::of).filter(Files::isExecutable).findFirst();
    }

    /**
     * Saves {@code page}, about {@code height} pixels tall, as {@code png} (the whole page:
     * headless Chromium photographs its window); returns false (and says so) when no
     * Chromium is installed. Fails if Chromium runs but leaves no picture.
     */
    public static boolean take(Path page, int height, Path png, Consumer<String> log) {
        Optional<Path> chromium = chromium();
        if (chromium.isEmpty()) {
            log.accept("report: no screenshot: no Chromium found (" + String.join(", ", CHROMIUMS)
                    + "); on Debian: apt-get install chromium");
            return false;
        }
        Path profile = null;
        try {
            profile = Files.createTempDirectory("digitnet-chromium");
            Process process = new ProcessBuilder(chromium.get().toString(), "--headless", "--no-sandbox",
                    "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                    "--user-data-dir=" + profile, "--window-size=" + WIDTH + "," + height, "--screenshot=" + png.toAbsolutePath(),
                    page.toAbsolutePath().toUri().toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("Chromium took over " + TIMEOUT_SECONDS + " s for " + page);
            }
            if (!Files.isRegularFile(png)) {
                throw new IllegalStateException("Chromium (exit " + process.exitValue() + ") wrote no " + png);
            }
            log.accept("report: screenshot " + png);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("running " + chromium.get(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while Chromium ran", e);
        } finally {
            if (profile != null) {
                try (var all = Files.walk(profile)) {
                    all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException e) {
                    // A temporary profile left behind is harmless.
                }
            }
        }
    }
}
