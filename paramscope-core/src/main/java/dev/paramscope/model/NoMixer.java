package dev.paramscope.model;

/**
 * The token mixer of a layer that has none: Nemotron-H's MLP-only blocks ({@code -} in
 * {@code hybrid_override_pattern}, {@code mlp} in {@code layers_block_type}) hold one norm and a
 * feed-forward block. No parameters, no cache.
 */
public record NoMixer() implements Attention {
  @Override
  public int numHeads() {
    return 0;
  }
}
