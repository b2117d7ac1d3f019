package io.digitnet.data;

import io.digitnet.BadInputException;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * An IDX file's header, checked against the file's real length before anything is read
 * or allocated for its items: a header that claims more (or fewer) items than the file
 * holds is refused here, not found out half-way through a Spark job.
 *
 * @param file the file, as a fully qualified URI string (so that executors can open it)
 * @param kind images or labels
 * @param count how many items the header declares
 * @param gzip whether the file is gzip-compressed (then it cannot be split)
 */
public record IdxHeader(String file, IdxKind kind, long count, boolean gzip) implements Serializable {

    /** The first two bytes of every gzip file, 1f 8b, read big-endian. */
    private static final int GZIP_MAGIC = 0x1f8b;

    /**
     * Reads and checks the header of {@code path}, raw or gzip, on any Hadoop file system: a
     * file of the {@code expected} kind.
     */
    public static IdxHeader read(FileSystem fs, Path path, IdxKind expected) {
        FileStatus status = status(fs, path);
        String file = status.getPath().toString();
        long length = status.getLen();
        boolean gzip = false;
        try (FSDataInputStream raw = fs.open(path)) {
            gzip = length >= 2 && raw.readUnsignedShort() == GZIP_MAGIC;
            raw.seek(0);
            DataInputStream in = new DataInputStream(gzip ? new GZIPInputStream(raw) : raw);
            IdxHeader header = parse(file, in, gzip, expected);
            if (gzip) {
                header.checkGzipTrailer(fs, path, length);
            } else {
                header.checkLength(length);
            }
            return header;
        } catch (EOFException e) {
            throw new BadInputException(file + (gzip
                    ? ": not a valid gzip file (it ends before an IDX header)"
                    : ": expected an IDX header, found a file of only " + length + " bytes"));
        } catch (java.util.zip.ZipException e) {
            throw new BadInputException(file + ": not a valid gzip file (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file, e);
        }
    }

    /** Opens the file's items: the returned stream is positioned at item {@code first}. */
    public InputStream openAt(FileSystem fs, long first) throws IOException {
        FSDataInputStream raw = fs.open(new Path(file));
        long offset = kind.contentBytes(first);
        if (!gzip) {
            raw.seek(offset);
            return raw;
        }
        InputStream in = new GZIPInputStream(raw, 1 << 16);
        in.skipNBytes(offset);
        return in;
    }

    /** The items' byte count that the header promises. */
    public long contentBytes() {
        return kind.contentBytes(count);
    }

    private static FileStatus status(FileSystem fs, Path path) {
        FileStatus status = HadoopFiles.status(fs, path, "file");
        if (status.isDirectory()) {
            throw new BadInputException(path + ": is a directory, expected an IDX file");
        }
        return status;
    }

    private static IdxHeader parse(String file, DataInputStream in, boolean gzip, IdxKind expected)
            throws IOException {
        int magic = in.readInt();
        IdxKind kind = IdxKind.ofMagic(magic);
        if (kind == null) {
            throw new BadInputException(file + ": expected IDX magic number " + IdxKind.IMAGES + " or "
                    + IdxKind.LABELS + ", found " + magic);
        }
        // Before the sizes: a labels file read as images would give its labels as a shape.
        if (kind != expected) {
            throw new BadInputException(file + ": this is an IDX " + kind.noun() + " file (magic " + kind.magic
                    + "); expected " + (expected == IdxKind.IMAGES ? "an " : "a ") + expected.noun()
                    + " file (magic " + expected.magic + ")");
        }
        // IDX sizes are unsigned 32-bit.
        long count = Integer.toUnsignedLong(in.readInt());
        if (kind == IdxKind.IMAGES) {
            long rows = Integer.toUnsignedLong(in.readInt());
            long cols = Integer.toUnsignedLong(in.readInt());
            if (rows != DigitImages.SIDE || cols != DigitImages.SIDE) {
                throw new BadInputException(file + ": expected " + DigitImages.SIDE + "x" + DigitImages.SIDE
                        + " images, found " + rows + "x" + cols);
            }
        }
        return new IdxHeader(file, kind, count, gzip);
    }

    private void checkLength(long length) {
        long expected = contentBytes();
        if (length < expected) {
            throw new BadInputException(file + ": truncated: the header declares " + count + " "
                    + kind.noun() + " (" + expected + " bytes), the file has " + length + " bytes");
        }
        if (length > expected) {
            throw new BadInputException(file + ": the header declares " + count + " "
                    + kind.noun() + " (" + expected + " bytes), the file has " + length
                    + " bytes: more than declared");
        }
    }

    /**
     * A gzip file ends with its content's length mod 2^32 (ISIZE). Comparing it with what the
     * header declares finds a truncated or padded file without decompressing it; the reader
     * still checks the real end when it gets there. (A file of several gzip members, as
     * bgzip writes, carries only the last member's length; IDX files are not made that way.)
     */
    private void checkGzipTrailer(FileSystem fs, Path path, long length) throws IOException {
        long trailer = -1;
        if (length >= 18) {
            try (FSDataInputStream in = fs.open(path)) {
                in.seek(length - 4);
                trailer = Integer.toUnsignedLong(Integer.reverseBytes(in.readInt()));
            }
        }
        long expected = contentBytes() & 0xffffffffL;
        if (trailer != expected) {
            throw new BadInputException(file + ": truncated or corrupt: the header declares " + count + " "
                    + kind.noun() + " (" + contentBytes() + " bytes), the gzip trailer says "
                    + (trailer < 0 ? "nothing (file too short)" : trailer + " bytes"));
        }
    }
}
