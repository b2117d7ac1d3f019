package io.digitnet.model;

import io.digitnet.data.HadoopFiles;
import java.io.IOException;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.util.HadoopStreams;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.SeekableInputStream;

/**
 * The file system a model's files are written and read through, and Parquet's view of
 * its files. On the local file system that is the raw one: no hidden ".crc" beside each
 * file, and a model.json edited by hand is read, not refused for a stale checksum.
 * Other file systems (HDFS, S3) are used as they are.
 */
final class ModelFiles {
    private ModelFiles() {}

    static FileSystem fileSystem(Path path, org.apache.hadoop.conf.Configuration conf) {
        FileSystem fs = HadoopFiles.fileSystem(path, conf);
        return fs instanceof ChecksumFileSystem checksummed ? checksummed.getRawFileSystem() : fs;
    }

    /** A new file at {@code path}; creating it fails if it exists. */
    static OutputFile outputFile(FileSystem fs, Path path) {
        return new OutputFile() {
            @Override
            public PositionOutputStream create(long blockSizeHint) throws IOException {
                return HadoopStreams.wrap(fs.create(path, false));
            }

            @Override
            public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
                return HadoopStreams.wrap(fs.create(path, true));
            }

            @Override
            public boolean supportsBlockSize() {
                return false;
            }

            @Override
            public long defaultBlockSize() {
                return fs.getDefaultBlockSize(path);
            }

            @Override
            public String getPath() {
                return path.toString();
            }
        };
    }

    static InputFile inputFile(FileSystem fs, Path path, long length) {
        return new InputFile() {
            @Override
            public long getLength() {
                return length;
            }

            @Override
            public SeekableInputStream newStream() throws IOException {
                return HadoopStreams.wrap(fs.open(path));
            }

            @Override
            public String toString() {
                return path.toString();
            }
        };
    }
}
