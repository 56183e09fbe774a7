package dev.paramscope.memory;

import java.util.Set;

/**
 * How a runtime sizes the cache of sliding-window and chunked layers; runtimes differ, so the
 * same model needs a different KV cache in each.
 *
 * <ul>
 *   <li>{@link #WINDOW} (transformers): a sliding layer keeps {@code min(context, window)} tokens,
 *       a chunked one {@code min(context, chunk)} ({@code DynamicSlidingWindowLayer} and
 *       {@code ChunkedSlidingLayer}, transformers/cache_utils.py).
 *   <li>{@link #VLLM_V1}: a sliding layer keeps its window ({@code SlidingWindowSpec},
 *       vllm/v1/kv_cache_interface.py); chunked layers hold the whole request because vLLM turns the
 *       hybrid KV cache manager off for chunked local attention by default ({@code VllmConfig},
 *       {@code VLLM_ALLOW_CHUNKED_LOCAL_ATTN_WITH_HYBRID_KV_CACHE}).
 *   <li>{@link #LLAMA_CPP_ISWA} (llama.cpp since its iSWA cache, {@code llama_kv_cache_unified_iswa},
 *       mid-2025): the window layers of the whole batch share {@code pad(min(n_ctx, window·n_seq +
 *       n_ubatch), 256)} cells, with {@code n_ctx = context × n_seq} and {@code n_ubatch = 512}, but
 *       only for the architectures {@code llama_model::load_hparams} gives a SWA type (Gemma 2/3,
 *       Cohere 2, gpt-oss, EXAONE 4, and Llama 4's chunks); Phi-3 ("Phi SWA is currently
 *       disabled") and Mistral-7B-v0.1 (run as {@code llama}) get the full context.
 *   <li>{@link #FULL_CONTEXT}: every layer holds the whole context: llama.cpp before the iSWA cache,
 *       ik_llama.cpp, llama.cpp {@code --swa-full}, and vLLM 0.5.
 * </ul>
 */
public enum SlidingWindowPolicy {
  WINDOW("window"),
  VLLM_V1("vllm-v1"),
  LLAMA_CPP_ISWA("llama.cpp-iswa"),
  FULL_CONTEXT("full-context");

  /** llama.cpp's micro-batch ({@code common_params.n_ubatch}) and iSWA cell padding ({@code n_pad} with flash attention). */
  static final long LLAMA_CPP_UBATCH = 512;
  static final long LLAMA_CPP_PAD = 256;

  /** Hugging Face {@code model_type}s whose llama.cpp architecture has a SWA type ({@code llama_model::load_hparams}). */
  private static final Set<String> LLAMA_CPP_SWA_TYPES = Set.of("gemma2", "gemma3", "gemma3_text", "gemma3n",
      "gemma3n_text", "cohere2", "gpt_oss", "exaone4", "llama4", "llama4_text");

  private final String label;

  SlidingWindowPolicy(String label) {
    this.label = label;
  }

  /** The name printed with an estimate. */
  public String label() {
    return label;
  }

  /** True when llama.cpp runs the model's windows (and chunks) as a separate SWA cache. */
  public static boolean llamaCppWindows(String modelType) {
    return modelType != null && LLAMA_CPP_SWA_TYPES.contains(modelType);
  }

  /**
   * Tokens (cells) one layer holds for {@code batch} sequences of {@code context} tokens.
   *
   * @param window the layer's sliding window, 0 for none
   * @param chunk the layer's attention chunk, 0 for none
   * @param modelType the model's {@code model_type} (llama.cpp decides by architecture)
   */
  public long heldTokens(int window, int chunk, long context, long batch, String modelType) {
    long full = Math.multiplyExact(context, batch);
    int span = window > 0 ? window : chunk;
    if (span == 0) {
      return full;
    }
    return switch (this) {
      case WINDOW -> Math.multiplyExact(Math.min(context, span), batch);
      case VLLM_V1 -> window > 0 ? Math.multiplyExact(Math.min(context, span), batch) : full;
      case LLAMA_CPP_ISWA -> llamaCppWindows(modelType)
          ? pad(Math.min(full, Math.addExact(Math.multiplyExact((long) span, batch), LLAMA_CPP_UBATCH)))
          : full;
      case FULL_CONTEXT -> full;
    };
  }

  private static long pad(long cells) {
    return (cells + LLAMA_CPP_PAD - 1) / LLAMA_CPP_PAD * LLAMA_CPP_PAD;
  }
}
