package io.digitnet.data;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A table of images to score: its rows, the column that holds each row's image and the
 * form that column takes. Every other column is the row's own (a form id, a path, a
 * label) and can pass through scoring unchanged.
 */
public record ImageTable(Dataset<Row> rows, String imageColumn, ImageForm form) {}
