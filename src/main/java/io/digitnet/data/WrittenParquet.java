package io.digitnet.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/**
 * What a Parquet directory holds, as a job reports it after writing: rows, files and
 * bytes. The rows come from the files' footers, so counting them reads no data.
 */
public record WrittenParquet(long rows, long files, long bytes) {

    /** The *.parquet files directly in {@code dir} (Spark's hidden and _SUCCESS files aside). */
    public static WrittenParquet of(Configuration conf, String dir) {
        Path pattern = new Path(dir, "*.parquet");
        try {
            FileStatus[] written = HadoopFiles.fileSystem(pattern, conf).globStatus(pattern);
            long rows = 0;
            long bytes = 0;
            for (FileStatus file : written) {
                try (ParquetFileReader footer = ParquetFileReader.open(HadoopInputFile.fromStatus(file, conf))) {
                    rows += footer.getRecordCount();
                }
                bytes += file.getLen();
            }
            return new WrittenParquet(rows, written.length, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + dir, e);
        }
    }
}
