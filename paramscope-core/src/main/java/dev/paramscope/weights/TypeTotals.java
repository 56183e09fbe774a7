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

  /**
   * The totals over all types: for a checkpoint's {@link CheckpointSummary#byType()}, its tensor
   * count, {@link CheckpointSummary#totalParams()} and {@link CheckpointSummary#dataBytes()} from a
   * few types instead of another pass over 1,000+ tensors.
   *
   * @throws ArithmeticException on overflow
   */
  public static TypeTotals sum(Iterable<TypeTotals> totals) {
    long tensors = 0;
    long params = 0;
    long bytes = 0;
    for (TypeTotals t : totals) {
      tensors = Math.addExact(tensors, t.tensors());
      params = Math.addExact(params, t.params());
      bytes = Math.addExact(bytes, t.bytes());
    }
    return new TypeTotals(tensors, params, bytes);
  }
}
