package dev.paramscope.model;

import java.util.List;
import java.util.Objects;

/**
 * One decoder layer. Architectures list one per layer so heterogeneous stacks (dense first
 * layers, alternating sliding windows) are explicit.
 *
 * @param attention the self-attention block
 * @param feedForward the feed-forward block
 * @param norms the layer's own normalization layers (not the attention's q/k norms)
 * @param slidingWindow attention window in tokens; 0 = full (global) attention
 */
public record DecoderLayer(
    Attention attention, FeedForward feedForward, List<Norm> norms, int slidingWindow) {
  public DecoderLayer {
    Objects.requireNonNull(attention, "attention");
    Objects.requireNonNull(feedForward, "feedForward");
    norms = List.copyOf(norms);
    if (slidingWindow < 0) {
      throw new IllegalArgumentException("sliding window must not be negative: " + slidingWindow);
    }
  }
}
