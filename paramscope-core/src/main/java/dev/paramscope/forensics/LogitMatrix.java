package dev.paramscope.forensics;

import java.util.Arrays;

/**
 * Logit or log-probability vectors, one per row (one per prompt), one column per vocabulary entry.
 * Values are held as doubles in row-major order; the array never leaves the package.
 */
public final class LogitMatrix {
  private final int rows;
  private final int cols;
  private final double[] values;

  LogitMatrix(int rows, int cols, double[] values) {
    if (rows <= 0 || cols <= 0 || values.length != (long) rows * cols) {
      throw new IllegalArgumentException("a " + rows + " × " + cols + " matrix needs " + (long) rows * cols
          + " values, got " + values.length);
    }
    this.rows = rows;
    this.cols = cols;
    this.values = values;
  }

  /** A matrix from row-major values (copied), for tests and library callers. */
  public static LogitMatrix of(int rows, int cols, double[] rowMajor) {
    return new LogitMatrix(rows, cols, Arrays.copyOf(rowMajor, rowMajor.length));
  }

  /** Number of logit vectors (queries). */
  public int rows() {
    return rows;
  }

  /** Length of each vector: the vocabulary size, or the number of vocabulary entries sampled. */
  public int cols() {
    return cols;
  }

  double[] values() {
    return values;
  }
}
