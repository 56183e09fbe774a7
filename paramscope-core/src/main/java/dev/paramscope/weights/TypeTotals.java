package dev.paramscope.weights;

/**
 * Totals for the tensors of one type in a checkpoint.
 *
 * @param tensors number of tensors
 * @param params elements in them
 * @param bytes bytes their data takes
 */
public record TypeTotals(long tensors, long params, long bytes) {

  public TypeTotals {
    if (tensors < 0 || params < 0 || bytes < 0) {
      throw new IllegalArgumentException("negative totals " + tensors + "/" + params + "/" + bytes);
    }
  }

  /** No tensors. */
  static final TypeTotals NONE = new TypeTotals(0, 0, 0);
}
