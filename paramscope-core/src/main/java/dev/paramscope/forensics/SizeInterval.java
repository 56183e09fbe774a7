package dev.paramscope.forensics;

import java.util.Objects;

/**
 * What one method says about one quantity: {@code low ≤ quantity ≤ high}.
 *
 * @param method {@code logit_rank}, {@code logit_rank_dense}, {@code logit_rank_moe},
 *     {@code decode_speed} or {@code price}
 * @param quantity {@code hidden_width}, {@code total_params} or {@code active_params}
 * @param low the lower end; 0 when the method gives none
 * @param high the upper end; {@code Double.POSITIVE_INFINITY} when the method gives none
 * @param loose true when the interval spans assumptions chosen wide on purpose (price)
 */
public record SizeInterval(String method, String quantity, double low, double high, boolean loose) {
  public SizeInterval {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(quantity, "quantity");
    if (!(low >= 0) || !(high >= low)) {
      throw new IllegalArgumentException(method + ": interval [" + low + ", " + high + "] is empty");
    }
  }

  public boolean contains(double value) {
    return value >= low && value <= high;
  }
}
