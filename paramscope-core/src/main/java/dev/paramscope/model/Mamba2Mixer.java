package dev.paramscope.model;

/**
 * A Mamba-2 state-space mixer (Dao and Gu 2024, arXiv:2405.21060, section 7), as Bamba,
 * Granite 4 hybrid, Nemotron-H and Falcon-H1 store it: {@code in_proj} (hidden → 2·I + 2·G·N + H),
 * a depthwise {@code conv1d} over the I + 2·G·N channels x, B, C (kernel K, optional bias),
 * {@code dt_bias}, {@code A_log} and {@code D} (H each), a gated RMSNorm over I and
 * {@code out_proj} (I → hidden), with I = H·P inner width.
 *
 * <p>State per sequence: H·P·N SSM values plus {@code K - 1} past inputs of the convolved channels.
 *
 * @param numHeads H ({@code mamba_n_heads}, {@code mamba_num_heads})
 * @param headDim P ({@code mamba_d_head}, {@code mamba_head_dim})
 * @param stateSize N ({@code mamba_d_state}, {@code ssm_state_size})
 * @param numGroups G ({@code mamba_n_groups}, {@code n_groups})
 * @param convKernel K ({@code mamba_d_conv}, {@code conv_kernel})
 * @param convBias whether the convolution has a bias
 * @param projectionBias whether in_proj and out_proj have biases
 * @param gatedNorm whether the gated RMSNorm over I is stored (Falcon-H1 can leave it out)
 * @param float32State whether the SSM state is cached in FP32 ({@code mamba_ssm_cache_dtype} "float32")
 */
public record Mamba2Mixer(int numHeads, int headDim, int stateSize, int numGroups, int convKernel, boolean convBias,
    boolean projectionBias, boolean gatedNorm, boolean float32State) implements RecurrentMixer {
  public Mamba2Mixer {
    if (numHeads <= 0 || headDim <= 0 || stateSize <= 0 || numGroups <= 0 || convKernel <= 0) {
      throw new IllegalArgumentException("Mamba heads, head dim, state size, groups and conv kernel must be positive");
    }
    if (numHeads % numGroups != 0) {
      throw new IllegalArgumentException("mamba groups (" + numGroups + ") must divide the heads (" + numHeads + ")");
    }
  }

  /** A mixer whose state is cached in the KV dtype's width (16 bits). */
  public Mamba2Mixer(int numHeads, int headDim, int stateSize, int numGroups, int convKernel, boolean convBias,
      boolean projectionBias, boolean gatedNorm) {
    this(numHeads, headDim, stateSize, numGroups, convKernel, convBias, projectionBias, gatedNorm, false);
  }

  /** Inner width I = heads × head dim. */
  public long innerWidth() {
    return (long) numHeads * headDim;
  }

  /** Channels the convolution runs over: I + 2·G·N (x, B and C). */
  public long convChannels() {
    return innerWidth() + 2L * numGroups * stateSize;
  }

  @Override
  public long stateValues() {
    return Math.multiplyExact(innerWidth(), stateSize);
  }

  @Override
  public long convStateValues() {
    return Math.multiplyExact(convChannels(), convKernel - 1L);
  }

  @Override
  public LayerKind kind() {
    return LayerKind.MAMBA;
  }
}
