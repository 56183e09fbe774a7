package dev.paramscope.weights.reconcile;

import dev.paramscope.count.Component;

/**
 * What a stored tensor is, as far as parameter counting goes: one of the counter's components,
 * or something a checkpoint stores that the model body's count leaves out.
 */
public enum TensorRole {
  EMBEDDINGS(Component.EMBEDDINGS),
  ATTENTION(Component.ATTENTION),
  MLP(Component.MLP),
  ROUTED_EXPERTS(Component.ROUTED_EXPERTS),
  SHARED_EXPERTS(Component.SHARED_EXPERTS),
  ROUTER(Component.ROUTER),
  NORMS(Component.NORMS),
  LM_HEAD(Component.LM_HEAD),
  OTHER(Component.OTHER),
  /** Multi-token-prediction layers beyond {@code num_hidden_layers} (DeepSeek-V3, GLM-4.5). */
  MTP(null),
  /** Buffers saved as tensors: rotary {@code inv_freq}, causal masks ({@code attn.bias}). */
  BUFFER(null),
  /** Quantization side tensors: FP8 {@code weight_scale_inv}, GPTQ/AWQ {@code scales}, {@code qzeros}, {@code g_idx}. */
  QUANT_SCALE(null),
  /** A vision or audio tower, or a multimodal projector (Gemma 3n's {@code embed_vision}, {@code embed_audio}). */
  VISION(null);

  private final Component component;

  TensorRole(Component component) {
    this.component = component;
  }

  /** The counter's component, or null for what the body's count leaves out. */
  public Component component() {
    return component;
  }

  public String jsonKey() {
    return component != null ? component.jsonKey() : name().toLowerCase(java.util.Locale.ROOT);
  }
}
