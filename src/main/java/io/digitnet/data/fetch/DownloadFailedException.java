package io.digitnet.data.fetch;

import java.io.IOException;

/**
 * A file could not be downloaded: the network or the servers failed, after all retries.
 * Not the user's input at fault, so the command line reports it with exit code 1; the
 * message is the whole story (no cause), as the CLI prints the innermost message.
 */
public class DownloadFailedException extends IOException {
    private static final long serialVersionUID = 1L;

    public DownloadFailedException(String message) {
        super(message);
    }
}
