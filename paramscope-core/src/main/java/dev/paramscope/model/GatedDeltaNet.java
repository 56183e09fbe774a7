package dev.paramscope.model;

/**
 * Gated DeltaNet linear attention (Yang, Kautz and Hatamizadeh 2024, arXiv:2412.06464), as
 * Qwen3-Next stores it ({@code Qwen3NextGatedDeltaNet}, modeling_qwen3_next.py):
 * {@code in_proj_qkvz} (hidden → 2·K + 2·V), {@code in_proj_ba} (hidden → 2·H_v), a depthwise
 * {@code conv1d} over q, k and v (no bias), {@code dt_bias} and {@code A_log} (H_v each), a gated
 * RMSNorm over one value head and {@code out_proj} (V → hidden), with K = H_k·d_k and V = H_v·d_v.
 *
 * <p>State per sequence: one d_k × d_v matrix per value head, plus {@code kernel - 1} past inputs
 * of the 2·K + V convolved channels.
 *
 * @param numKeyHeads {@code linear_num_key_heads}
 * @param numValueHeads {@code linear_num_value_heads}
 * @param keyHeadDim {@code linear_key_head_dim}
 * @param valueHeadDim {@code linear_value_head_dim}
 * @param convKernel {@code linear_conv_kernel_dim}
 */
public record GatedDeltaNet(int numKeyHeads, int numValueHeads, int keyHeadDim, int valueHeadDim, int convKernel)
    implements RecurrentMixer {
  public GatedDeltaNet {
    if (numKeyHeads <= 0 || numValueHeads <= 0 || keyHeadDim <= 0 || valueHeadDim <= 0 || convKernel <= 0) {
      throw new IllegalArgumentException("linear attention heads, head dims and conv kernel must be positive");
    }
  }

  @Override
  public int numHeads() {
    return numValueHeads;
  }

  /** Width of all key heads: K = {@code numKeyHeads × keyHeadDim}. */
  public long keyWidth() {
    return (long) numKeyHeads * keyHeadDim;
  }

  /** Width of all value heads: V = {@code numValueHeads × valueHeadDim}. */
  public long valueWidth() {
    return (long) numValueHeads * valueHeadDim;
  }

  /** Channels the causal convolution runs over: 2·K + V (q, k and v). */
  public long convChannels() {
    return 2 * keyWidth() + valueWidth();
  }

  @Override
  public long stateValues() {
    return Math.multiplyExact((long) numValueHeads * keyHeadDim, valueHeadDim);
  }

  @Override
  public long convStateValues() {
    return Math.multiplyExact(convChannels(), convKernel - 1L);
  }

  @Override
  public LayerKind kind() {
    return LayerKind.LINEAR_ATTENTION;
  }
}
