package dev.paramscope.model;

/**
 * Kimi Delta Attention (Kimi Linear, arXiv:2510.26692; {@code KimiLinearDeltaAttention},
 * modeling_kimi_linear.py): Gated DeltaNet with a per-channel forget gate. It stores q, k and v
 * projections (hidden → H·d each), a depthwise {@code conv1d} over the 3·H·d channels (no bias),
 * the forget gate ({@code f_a_proj} hidden → d, {@code f_b_proj} d → H·d, {@code dt_bias} H·d,
 * {@code A_log} H), {@code b_proj} (hidden → H), the output gate ({@code g_a_proj} hidden → d,
 * {@code g_b_proj} d → H·d), a gated RMSNorm over d and {@code o_proj} (H·d → hidden).
 *
 * <p>State per sequence: a d × d matrix per head plus {@code kernel - 1} past inputs of 3·H·d channels.
 *
 * @param numHeads {@code linear_attn_config.num_heads}
 * @param headDim {@code linear_attn_config.head_dim}
 * @param convKernel {@code linear_attn_config.short_conv_kernel_size}
 */
public record KimiDeltaAttention(int numHeads, int headDim, int convKernel) implements RecurrentMixer {
  public KimiDeltaAttention {
    if (numHeads <= 0 || headDim <= 0 || convKernel <= 0) {
      throw new IllegalArgumentException("KDA heads, head dim and conv kernel must be positive");
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
    return Math.multiplyExact(3 * width(), convKernel - 1L);
  }

  @Override
  public LayerKind kind() {
    return LayerKind.LINEAR_ATTENTION;
  }
}
