package dev.paramscope.compute;

import java.util.Locale;

/**
 * Optimizer state per trained parameter in mixed-precision training, FP32 master weights
 * included (Rajbhandari et al. 2020, "ZeRO", §3.1: Adam keeps a FP32 copy of the parameters, the
 * momentum and the variance: 12 bytes per parameter, beside 2-byte weights and 2-byte gradients).
 */
public enum Optimizer {
  /** FP32 master (4) + first and second moments (4 + 4). */
  ADAMW("adamw", 12),
  /** FP32 master (4) + 8-bit moments (1 + 1) (Dettmers et al. 2022, "8-bit Optimizers via Block-wise Quantization"). */
  ADAMW8BIT("adamw8bit", 6),
  /** FP32 master (4) + FP32 momentum (4). */
  SGD("sgd", 8),
  /** FP32 master (4); factored second moments are O(rows + columns), counted as 0 (Shazeer and Stern 2018). */
  ADAFACTOR("adafactor", 4);

  private final String label;
  private final int bytesPerParam;

  Optimizer(String label, int bytesPerParam) {
    this.label = label;
    this.bytesPerParam = bytesPerParam;
  }

  public String label() {
    return label;
  }

  public int bytesPerParam() {
    return bytesPerParam;
  }

  public static Optimizer parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    for (Optimizer o : values()) {
      if (o.label.equals(t) || (t.equals("adam") && o == ADAMW)) {
        return o;
      }
    }
    throw new IllegalArgumentException("unknown optimizer '" + text + "' (expected adamw, adamw8bit, sgd or adafactor)");
  }
}
