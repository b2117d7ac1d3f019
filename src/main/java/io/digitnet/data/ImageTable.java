package io.digitnet.data;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A table of images to score: its rows, the column that holds each row's image and the
 * form that column takes. Every other column is the row's own (a form id, a path, a
 * label) and can pass through scoring unchanged.
 */
public record ImageTable(Dataset<Row> rows, String imageColumn, ImageForm form, Hidden hidden) {

    public ImageTable(Dataset<Row> rows, String imageColumn, ImageForm form) {
        this(rows, imageColumn, form, Hidden.NONE);
    }

    /**
     * Image files of a folder left out because they are hidden by Spark's rule (a name, or a
     * folder between, starting with '.' or '_'), so that the job can say so.
     *
     * @param files how many
     * @param example one of them (null when there are none)
     */
    public record Hidden(long files, String example) implements java.io.Serializable {
        public static final Hidden NONE = new Hidden(0, null);

        /** The line telling a user of them, e.g. "2 files left out as hidden (...), e.g. _x.png". */
        public String describe() {
            return files + (files == 1 ? " file" : " files") + " left out as hidden (names starting with '.' or '_'), "
                    + "e.g. " + example;
        }
    }
}
