package dev.paramscope.model;

/**
 * LFM2's gated short convolution ({@code Lfm2ShortConv}, modeling_lfm2.py): {@code in_proj}
 * (hidden → 3·hidden: gate B, gate C and input x), a depthwise causal {@code conv} of
 * {@code conv_L_cache} taps over the hidden channels, and {@code out_proj} (hidden → hidden);
 * biases on all three per {@code conv_bias}.
 *
 * <p>State per sequence: the last {@code conv_L_cache - 1} inputs of each hidden channel; no
 * recurrent state.
 *
 * @param width the hidden size the convolution runs over
 * @param cacheLength {@code conv_L_cache}: the convolution's kernel size
 * @param bias {@code conv_bias}
 */
public record ShortConvolution(int width, int cacheLength, boolean bias) implements RecurrentMixer {
  public ShortConvolution {
    if (width <= 0 || cacheLength <= 0) {
      throw new IllegalArgumentException("short convolution width and conv_L_cache must be positive");
    }
  }

  @Override
  public int numHeads() {
    return 1;
  }

  @Override
  public long stateValues() {
    return 0;
  }

  @Override
  public long convStateValues() {
    return Math.multiplyExact((long) width, cacheLength - 1L);
  }

  @Override
  public LayerKind kind() {
    return LayerKind.SHORT_CONVOLUTION;
  }
}
