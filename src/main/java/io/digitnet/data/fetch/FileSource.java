package io.digitnet.data.fetch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Where fetch gets the files from: a local folder, or mirrors on the internet. */
public interface FileSource {

    /** Fails with a BadInputException, before anything is written, if this source cannot have {@code files}. */
    void checkProvides(List<ExpectedFile> files);

    /**
     * Puts a copy of {@code file} whose content is verified into {@code part}, and prints one
     * line saying so. Throws a BadInputException when the source holds only bad copies, and
     * an IOException (such as {@link DownloadFailedException}) when it cannot be read.
     */
    void stageVerified(ExpectedFile file, Path part) throws IOException;
}
