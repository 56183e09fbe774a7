package dev.paramscope.model;

/**
 * MiniMax's lightning attention (MiniMax-01 report, arXiv:2501.08313, section 2.2;
 * {@code MiniMaxLightningAttention}, modeling_minimax.py): linear attention with a fixed decay
 * per head. It stores a fused {@code qkv_proj} (hidden → 3·H·d), an RMSNorm over H·d, an
 * {@code output_gate} (hidden → H·d) and {@code out_proj} (H·d → hidden), no biases; the decay
 * rates are buffers.
 *
 * <p>State per sequence: a d × d key-value matrix per head; no convolution.
 *
 * @param numHeads attention heads
 * @param headDim width of one head
 */
public record LightningAttention(int numHeads, int headDim) implements RecurrentMixer {
  public LightningAttention {
    if (numHeads <= 0 || headDim <= 0) {
      throw new IllegalArgumentException("lightning attention heads and head dim must be positive");
    }
  }

  /** Width of all heads: H·d. */
  public long width() {
    return (long) numHeads * headDim;
  }

  @Override
  public long stateValues() {
    return Math.multiplyExact(width(), headDim);
  }

  @Override
  public long convStateValues() {
    return 0;
  }

  @Override
  public LayerKind kind() {
    return LayerKind.LINEAR_ATTENTION;
  }
}
