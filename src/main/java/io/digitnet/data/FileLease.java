package io.digitnet.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * A lock file on the local file system, held through an operating-system lock that the
 * kernel releases when the holding process ends, even by SIGKILL: a lease that can be
 * taken proves that its last holder is gone. Closing it deletes the file, so nothing is
 * left behind; a waiter that then gets the lock of the deleted file notices (the file at
 * the path no longer holds its token) and tries again.
 */
final class FileLease implements AutoCloseable {
    private static final long WAIT_STEP_MILLIS = 20;

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private FileLease(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lease on {@code file}, creating it, or returns null while another holder has it. */
    static FileLease tryTake(Path file) throws IOException {
        while (true) {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException heldInThisJvm) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                return null;
            }
            FileLease lease = new FileLease(file, channel, lock);
            if (lease.stillAtItsPath()) {
                return lease;
            }
            lease.release(); // the file was deleted by its last holder after this one opened it
        }
    }

    /** Takes the lease on {@code file}, waiting for its holder to release it. */
    static FileLease take(Path file) throws IOException {
        while (true) {
            FileLease lease = tryTake(file);
            if (lease != null) {
                return lease;
            }
            try {
                Thread.sleep(WAIT_STEP_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted waiting for " + file, e);
            }
        }
    }

    /** Whether the file at the path is the one locked: it then reads back the token written to the locked one. */
    private boolean stillAtItsPath() throws IOException {
        byte[] token = UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(token), 0);
        try {
            return java.util.Arrays.equals(token, Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /** Deletes the lock file, then lets the lock go. */
    @Override
    public void close() throws IOException {
        try {
            Files.deleteIfExists(file);
        } finally {
            release();
        }
    }

    private void release() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
