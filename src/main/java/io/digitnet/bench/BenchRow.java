package io.digitnet.bench;

/**
 * One row of the results table: a trainer, its test accuracy over training seconds, and
 * the seconds one step (an epoch, an L-BFGS iteration) takes.
 *
 * @param name the row's label, e.g. "ours"
 * @param description what exactly ran (settings), for the notes under the table
 * @param curve test accuracy against training seconds
 * @param secondsPerStep mean seconds of one step
 * @param stepUnit "epoch" or "iteration"
 */
record BenchRow(String name, String description, AccuracyCurve curve, double secondsPerStep, String stepUnit) {}
