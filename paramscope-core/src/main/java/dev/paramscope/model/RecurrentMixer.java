package dev.paramscope.model;

/**
 * A token mixer that keeps a fixed-size state per sequence instead of a key/value cache:
 * linear attention, state-space and short-convolution layers. Its memory does not grow with
 * the context.
 */
public sealed interface RecurrentMixer extends Attention permits GatedDeltaNet, KimiDeltaAttention, LightningAttention, Mamba2Mixer,
    ShortConvolution {
  /** Values of the recurrent (SSM or linear-attention) state one sequence keeps in this layer. */
  long stateValues();

  /** Values of the causal-convolution state ({@code kernel - 1} past inputs per channel). */
  long convStateValues();

  /** The layer kind this mixer makes. */
  LayerKind kind();

  /**
   * True when the runtime keeps the recurrent state in FP32 whatever the KV dtype (Nemotron-H's
   * {@code mamba_ssm_cache_dtype} "float32", which vLLM honours); the conv state stays 16-bit.
   */
  default boolean float32State() {
    return false;
  }
}
