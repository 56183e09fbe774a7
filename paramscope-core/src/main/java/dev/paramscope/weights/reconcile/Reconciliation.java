package dev.paramscope.weights.reconcile;

import java.util.List;
import java.util.Objects;

/**
 * The config's exact count set against what a checkpoint stores, component by component.
 *
 * @param architectureSource where the architecture came from ({@code config.json} beside the
 *     weights, or the GGUF metadata)
 * @param rows one row per component or stored extra, in order
 * @param expectedTotal the counter's total parameters (the model body)
 * @param storedTotal logical parameters stored (packed int4 counted as its values)
 * @param unexplained the part of the difference no known cause accounts for (0 when reconciled)
 */
public record Reconciliation(String architectureSource, List<Row> rows, long expectedTotal, long storedTotal,
    long unexplained) {
  public Reconciliation {
    Objects.requireNonNull(architectureSource, "architectureSource");
    rows = List.copyOf(rows);
  }

  /** True when every difference is explained. */
  public boolean reconciled() {
    return unexplained == 0;
  }

  /**
   * @param part the component or stored extra ({@link TensorRole#jsonKey()})
   * @param expected parameters the counter gives it (0 for what the body leaves out)
   * @param stored logical parameters of the tensors sorted into it
   * @param explanation a term: {@code match}, {@code tied_stored_twice}, {@code mtp_layers},
   *     {@code buffers}, {@code quant_scales}, {@code vision_tower}, {@code unexplained}
   */
  public record Row(String part, long expected, long stored, String explanation) {
    public Row {
      Objects.requireNonNull(part, "part");
      Objects.requireNonNull(explanation, "explanation");
    }

    public long difference() {
      return stored - expected;
    }
  }
}
