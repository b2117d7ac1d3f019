package io.digitnet.data.fetch;

import io.digitnet.BadInputException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Puts a set of expected files, each verified by its content digest, into a directory,
 * all or nothing: files are staged under DIR/.fetch-partial and moved to their names
 * only when every one of them is verified. Bad input leaves nothing behind; any other
 * failure keeps what was downloaded so far, so that the next run resumes it.
 */
public final class Fetcher {
    /** Hidden, so that no reader of DIR takes a staged file for a fetched one. */
    public static final String STAGING_DIR = ".fetch-partial";
    public static final String PART_SUFFIX = ".part";

    private final List<ExpectedFile> files;
    private final PrintStream progress;

    /** How many files were fetched, and how many were there and verified already. */
    public record Result(int fetched, int alreadyPresent) {}

    public Fetcher(List<ExpectedFile> files, PrintStream progress) {
        this.files = List.copyOf(files);
        this.progress = progress;
    }

    public Result fetch(Path dest, FileSource source) throws IOException {
        if (Files.exists(dest) && !Files.isDirectory(dest)) {
            throw new BadInputException(dest + ": expected a directory, found a file");
        }
        List<ExpectedFile> needed = notYetPresent(dest);
        source.checkProvides(needed);
        Path staging = dest.resolve(STAGING_DIR);
        if (needed.isEmpty()) {
            deleteTree(staging); // an earlier run's leftovers, of no more use
            return new Result(0, files.size());
        }
        CreatedDirectories created = CreatedDirectories.create(dest);
        try {
            Files.createDirectories(staging);
            for (ExpectedFile file : needed) {
                source.stageVerified(file, part(staging, file));
            }
            commit(dest, staging, needed);
        } catch (BadInputException e) {
            deleteTree(staging);
            created.removeIfEmpty();
            throw e;
        } catch (IOException | RuntimeException | Error e) {
            if (isEmptyDirectory(staging)) {
                Files.deleteIfExists(staging);
                created.removeIfEmpty();
            } else {
                progress.println("fetch: kept the partial download in " + staging + "; the next run resumes it");
            }
            throw e;
        }
        deleteTree(staging);
        return new Result(needed.size(), files.size() - needed.size());
    }

    /** The files not yet in {@code dest} as verified copies; a file there that fails verification is replaced. */
    private List<ExpectedFile> notYetPresent(Path dest) throws IOException {
        List<ExpectedFile> needed = new ArrayList<>();
        for (ExpectedFile file : files) {
            Path target = dest.resolve(file.name());
            if (!Files.exists(target)) {
                needed.add(file);
                continue;
            }
            if (!Files.isRegularFile(target)) {
                throw new BadInputException(target + ": expected a file, found a directory");
            }
            Optional<String> problem = file.problemWith(target);
            if (problem.isEmpty()) {
                progress.printf("fetch: %s  present in %s and verified%n", file.name(), dest);
            } else {
                progress.printf("fetch: %s  present in %s but %s: fetching it again%n", file.name(), dest, problem.get());
                needed.add(file);
            }
        }
        return needed;
    }

    private static Path part(Path staging, ExpectedFile file) {
        return staging.resolve(file.name() + PART_SUFFIX);
    }

    /**
     * Each move is atomic, so a reader sees a file complete or not at all; the set is
     * committed only after all were verified, so a failed run replaces nothing.
     */
    private static void commit(Path dest, Path staging, List<ExpectedFile> verified) throws IOException {
        for (ExpectedFile file : verified) {
            Path part = part(staging, file);
            // On disk before the rename, or a crash could leave a final name on missing data.
            // (fsync needs no write access: a read-only copy is synced all the same.)
            try (FileChannel channel = FileChannel.open(part, StandardOpenOption.READ)) {
                channel.force(true);
            }
            Files.move(part, dest.resolve(file.name()), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** The directories this run created for DIR, so that a failed run can take them away again. */
    private record CreatedDirectories(Path dir, Path topmostCreated) {
        static CreatedDirectories create(Path dir) throws IOException {
            Path absolute = dir.toAbsolutePath().normalize();
            Path topmost = null;
            for (Path p = absolute; p != null && !Files.exists(p); p = p.getParent()) {
                topmost = p;
            }
            Files.createDirectories(absolute);
            return new CreatedDirectories(absolute, topmost);
        }

        /** Removes them, innermost first, as long as they are empty; a directory someone else filled stays. */
        void removeIfEmpty() {
            if (topmostCreated == null) {
                return;
            }
            for (Path p = dir; p != null; p = p.getParent()) {
                try {
                    Files.delete(p);
                } catch (DirectoryNotEmptyException | NoSuchFileException e) {
                    return;
                } catch (IOException e) {
                    return; // left as it is: an empty directory is harmless, the failure is what matters
                }
                if (p.equals(topmostCreated)) {
                    return;
                }
            }
        }
    }
}
