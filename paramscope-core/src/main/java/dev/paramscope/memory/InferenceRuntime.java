package dev.paramscope.memory;

import java.util.Locale;

/**
 * What an inference runtime adds to weights and KV cache. Figures are assumptions, printed with
 * every estimate and overridable ({@code --overhead}):
 *
 * <ul>
 *   <li>transformers: the whole prompt in one forward pass; logits for every position in FP32
 *       ({@code LlamaForCausalLM.forward} upcasts logits); 1 GiB for the CUDA context, cuBLAS
 *       workspace and allocator slack.
 *   <li>vLLM: prefill chunks of at most 8192 tokens ({@code max_num_batched_tokens}); logits for
 *       the last position only; 1.5 GiB for the CUDA context and CUDA graphs; and it leaves
 *       {@code 1 - gpu_memory_utilization} = 10% of the card unused (vLLM EngineArgs default 0.9).
 *   <li>llama.cpp: micro-batches of 512 tokens ({@code n_ubatch}); logits for the last position;
 *       0.5 GiB for the backend context and compute-buffer slack.
 * </ul>
 */
public enum InferenceRuntime {
  TRANSFORMERS("transformers", Long.MAX_VALUE, true, 1L << 30, 0.0),
  VLLM("vllm", 8192, false, 3L << 29, 0.10),
  LLAMA_CPP("llama.cpp", 512, false, 1L << 29, 0.0);

  private final String label;
  private final long maxTokensPerPass;
  private final boolean logitsForEveryPosition;
  private final long overheadBytes;
  private final double reservedFraction;

  InferenceRuntime(String label, long maxTokensPerPass, boolean logitsForEveryPosition, long overheadBytes,
      double reservedFraction) {
    this.label = label;
    this.maxTokensPerPass = maxTokensPerPass;
    this.logitsForEveryPosition = logitsForEveryPosition;
    this.overheadBytes = overheadBytes;
    this.reservedFraction = reservedFraction;
  }

  public String label() {
    return label;
  }

  /** Tokens one forward pass holds activations for. */
  public long tokensPerPass(long context, long batch) {
    return Math.min(maxTokensPerPass, Math.multiplyExact(context, batch));
  }

  /** Positions whose logits are materialised in one pass. */
  public long logitPositions(long context, long batch) {
    return logitsForEveryPosition ? Math.multiplyExact(context, batch) : batch;
  }

  /** Fixed overhead per GPU in bytes (CUDA context, graphs, workspace). */
  public long overheadBytes() {
    return overheadBytes;
  }

  /** Share of each GPU's memory the runtime leaves unused. */
  public double reservedFraction() {
    return reservedFraction;
  }

  public static InferenceRuntime parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT).replace("_", ".");
    for (InferenceRuntime r : values()) {
      if (r.label.equals(t) || (t.equals("llamacpp") && r == LLAMA_CPP)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown runtime '" + text + "' (expected vllm, llama.cpp or transformers)");
  }
}
