package dev.paramscope.model;

/**
 * A dense feed-forward block.
 *
 * @param intermediateSize width of the hidden layer, positive
 * @param gated true for GLU variants (Shazeer 2020: gate, up and down projections), false for
 *     the classic two-matrix MLP (up and down)
 * @param bias whether the projections have biases
 */
public record DenseMlp(int intermediateSize, boolean gated, boolean bias) implements FeedForward {
  public DenseMlp {
    if (intermediateSize <= 0) {
      throw new IllegalArgumentException("intermediate_size must be positive: " + intermediateSize);
    }
  }
}
