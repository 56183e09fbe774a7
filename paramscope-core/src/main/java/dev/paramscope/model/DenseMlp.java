package dev.paramscope.model;

/**
 * A dense feed-forward block.
 *
 * @param intermediateSize width of the hidden layer, positive
 * @param gated true for GLU variants (Shazeer 2020: gate, up and down projections), false for
 *     the classic two-matrix MLP (up and down)
 * @param bias whether the projections have biases
 * @param activationParams learned scalars inside the activation function (Apertus' xIELU stores
 *     {@code alpha_p} and {@code alpha_n}: 2); 0 for fixed activations
 */
public record DenseMlp(int intermediateSize, boolean gated, boolean bias, int activationParams) implements FeedForward {
  public DenseMlp {
    if (intermediateSize <= 0) {
      throw new IllegalArgumentException("intermediate_size must be positive: " + intermediateSize);
    }
    if (activationParams < 0) {
      throw new IllegalArgumentException("activation parameters must not be negative: " + activationParams);
    }
  }

  /** An MLP whose activation has no learned parameters. */
  public DenseMlp(int intermediateSize, boolean gated, boolean bias) {
    this(intermediateSize, gated, bias, 0);
  }
}
