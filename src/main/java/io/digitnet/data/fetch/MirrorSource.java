package io.digitnet.data.fetch;

import io.digitnet.BadInputException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Mirrors on the internet, tried in turn for each file until one serves a copy whose
 * content verifies. When none does, the outcome says whose problem it is: a mirror that
 * served a bad copy makes it bad input (exit 2: retrying will fetch the same bad bytes);
 * mirrors that could not be reached at all make it a failure (exit 1: try again later,
 * and the partial download resumes).
 */
public final class MirrorSource implements FileSource {
    private final List<URI> mirrors;
    private final HttpDownloader downloader;
    private final PrintStream progress;

    public MirrorSource(List<URI> mirrors, HttpDownloader downloader, PrintStream progress) {
        if (mirrors.isEmpty()) {
            throw new BadInputException("no mirror to fetch from (expected at least one base URL)");
        }
        this.mirrors = List.copyOf(mirrors);
        this.downloader = downloader;
        this.progress = progress;
    }

    @Override
    public void checkProvides(List<ExpectedFile> files) {
        // Whether a mirror has a file shows only when it is asked for it.
    }

    @Override
    public void stageVerified(ExpectedFile file, Path part) throws IOException {
        if (Files.isRegularFile(part) && file.problemWith(part).isEmpty()) {
            progress.printf("fetch: %s  %.1f MB complete from an earlier run, verified%n",
                    file.name(), Files.size(part) / 1e6);
            return;
        }
        List<String> failures = new ArrayList<>();
        boolean servedBadCopy = false;
        List<URI> order = resumableFirst(file, part);
        for (int i = 0; i < order.size(); i++) {
            URI url = MirrorList.fileUrl(order.get(i), file.name());
            String next = i + 1 < order.size() ? "; trying the next mirror" : "";
            HttpDownloader.Download download;
            try {
                download = downloader.download(url, part, file.name());
            } catch (DownloadFailedException e) {
                failures.add(e.getMessage());
                progress.printf("fetch: %s: %s%s%n", file.name(), e.getMessage(), next);
                continue;
            }
            Optional<String> problem = file.problemWith(part);
            if (problem.isEmpty()) {
                progress.printf("fetch: %s  %.1f MB from %s in %.1f s%s, verified%n", file.name(),
                        download.bytes() / 1e6, url, download.took().toMillis() / 1000.0,
                        download.resumedFrom() > 0 ? String.format(" (resumed at %.1f MB)", download.resumedFrom() / 1e6)
                                : "");
                return;
            }
            // A bad copy cannot be resumed into a good one: the next mirror starts afresh.
            new PartFile(part).delete();
            servedBadCopy = true;
            failures.add(url + ": " + problem.get());
            progress.printf("fetch: %s from %s: %s%s%n", file.name(), url, problem.get(), next);
        }
        String summary = file.name() + ": no mirror served a verified copy: " + String.join("; ", failures);
        if (servedBadCopy) {
            throw new BadInputException(summary);
        }
        throw new DownloadFailedException(summary);
    }

    /** The mirrors in order, except that the one an earlier run's partial download came from goes first. */
    private List<URI> resumableFirst(ExpectedFile file, Path part) throws IOException {
        URI origin = new PartFile(part).origin();
        List<URI> order = new ArrayList<>(mirrors);
        for (URI mirror : mirrors) {
            if (MirrorList.fileUrl(mirror, file.name()).equals(origin)) {
                order.remove(mirror);
                order.add(0, mirror);
                break;
            }
        }
        return order;
    }
}
