package io.digitnet.data.fetch;

import io.digitnet.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * A local folder holding the files: a shared copy, or the way onto a machine without
 * internet. There is no other copy to try, so a bad file is the user's to replace.
 */
public final class FolderSource implements FileSource {
    private final Path folder;
    private final PrintStream progress;

    public FolderSource(Path folder, PrintStream progress) {
        this.folder = folder;
        this.progress = progress;
    }

    @Override
    public void checkProvides(List<ExpectedFile> files) {
        if (!Files.isDirectory(folder)) {
            throw new BadInputException(folder + ": no such directory to copy the files from");
        }
        for (ExpectedFile file : files) {
            if (!Files.isRegularFile(folder.resolve(file.name()))) {
                throw new BadInputException(folder.resolve(file.name()) + ": no such file");
            }
        }
    }

    @Override
    public void stageVerified(ExpectedFile file, Path part) throws IOException {
        Path source = folder.resolve(file.name());
        long started = System.nanoTime();
        // The bytes, not the file: a shared copy is often read-only, and its mode would come
        // along with Files.copy(Path, Path). What is verified is the staged copy, as that
        // is what gets committed.
        try (InputStream in = Files.newInputStream(source)) {
            Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
        }
        Optional<String> problem = file.problemWith(part);
        if (problem.isPresent()) {
            Files.deleteIfExists(part);
            throw new BadInputException(source + ": " + problem.get());
        }
        progress.printf("fetch: %s  %.1f MB copied from %s in %.1f s, verified%n",
                file.name(), Files.size(part) / 1e6, source, (System.nanoTime() - started) / 1e9);
    }
}
