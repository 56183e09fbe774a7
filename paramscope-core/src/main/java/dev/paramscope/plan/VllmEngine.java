package dev.paramscope.plan;

import java.util.Locale;

/**
 * Which vLLM engine's profiling pass a plan mirrors. V1 (the default since vLLM 0.8) profiles the
 * sampler at {@code max_num_seqs} requests with FP32 logits and a full-vocabulary sort; V0 (before
 * 0.8, removed in 0.11) profiled a forward pass at {@code max_num_batched_tokens} and a smaller sampler.
 */
public enum VllmEngine {
  V0,
  V1;

  /** Parses {@code v0} or {@code v1} (any case). */
  public static VllmEngine parse(String text) {
    for (VllmEngine e : values()) {
      if (e.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
        return e;
      }
    }
    throw new IllegalArgumentException("unknown vLLM engine '" + text + "' (known: v0, v1)");
  }

  /** The label users type: {@code v0} or {@code v1}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
