package dev.paramscope.compute;

import java.util.Locale;

/**
 * Activation memory per transformer layer and the extra forward work each recompute policy costs,
 * from Korthikanti et al. 2022, "Reducing Activation Recomputation in Large Transformer Models"
 * (arXiv:2205.05198), eq. 1 and §5: with sequence length s, micro-batch b, hidden h and a heads,
 * at 16-bit activations and no tensor or sequence parallelism,
 * <ul>
 *   <li>none: {@code s·b·h·(34 + 5·a·s/h)} bytes per layer;
 *   <li>selective (recompute the attention scores, softmax and dropout): {@code 34·s·b·h};
 *   <li>full (keep only each layer's input): {@code 2·s·b·h}, at the cost of one more forward pass.
 * </ul>
 * The paper's model is multi-head attention with a 4h GeLU MLP; for GQA and SwiGLU layers the
 * same coefficients are used, an approximation this tool states rather than hides.
 */
public enum Recompute {
  NONE("none"),
  SELECTIVE("selective"),
  FULL("full");

  private final String label;

  Recompute(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** Activation bytes of one layer. */
  public double layerBytes(double seq, double microBatch, double hidden, double heads) {
    switch (this) {
      case NONE:
        return seq * microBatch * hidden * (34 + 5 * heads * seq / hidden);
      case SELECTIVE:
        return 34 * seq * microBatch * hidden;
      default:
        return 2 * seq * microBatch * hidden;
    }
  }

  public static Recompute parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    for (Recompute r : values()) {
      if (r.label.equals(t)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown recompute '" + text + "' (expected none, selective or full)");
  }
}
