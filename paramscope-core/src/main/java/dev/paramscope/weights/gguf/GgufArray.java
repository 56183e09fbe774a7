package dev.paramscope.weights.gguf;

import java.util.List;
import java.util.Objects;

/**
 * A GGUF array value. Long arrays (a 150k-token vocabulary) are not kept whole: {@code
 * values} holds at most the first {@link #KEPT} elements, {@code length} the true count.
 *
 * @param elementType the GGUF value type of the elements ("STRING", "INT32", "ARRAY", ...)
 * @param length the number of elements in the file
 * @param values the first min(length, KEPT) elements, typed as in CheckpointSummary#metadata
 */
public record GgufArray(String elementType, long length, List<Object> values) {
  /** How many leading elements are kept. */
  public static final int KEPT = 1024;

  public GgufArray {
    Objects.requireNonNull(elementType, "elementType");
    values = List.copyOf(values);
    if (length < values.size() || values.size() > KEPT) {
      throw new IllegalArgumentException("array of " + length + " keeps " + values.size());
    }
  }

  /** True when every element is in {@link #values()}. */
  public boolean complete() {
    return values.size() == length;
  }
}
