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
 *       the last position only; 0.35 GiB of non-torch memory (CUDA context, NCCL; vllm#10517 logs
 *       {@code non_torch_memory=0.35GiB}), CUDA graphs being captured in the
 *       {@code 1 - gpu_memory_utilization} = 10% of the card it leaves unused (EngineArgs default
 *       0.9). The {@code memory} command takes vLLM's activation peak and fit from the {@code plan}
 *       package's vLLM arithmetic.
 *   <li>llama.cpp: micro-batches of 512 tokens ({@code n_ubatch}); logits for the last position;
 *       0.5 GiB for the backend context and compute-buffer slack.
 * </ul>
 * Each runtime also sizes sliding-window and chunked layers its own way ({@link SlidingWindowPolicy}):
 * {@code vllm-0.5}, {@code llama.cpp-swa-full} (also older llama.cpp) and {@code ik_llama.cpp} are
 * their namesakes' figures with every layer at full context.
 */
public enum InferenceRuntime {
  TRANSFORMERS("transformers", Long.MAX_VALUE, true, 1L << 30, 0.0, SlidingWindowPolicy.WINDOW),
  VLLM("vllm", 8192, false, 375_809_638L, 0.10, SlidingWindowPolicy.VLLM_V1),
  LLAMA_CPP("llama.cpp", 512, false, 1L << 29, 0.0, SlidingWindowPolicy.LLAMA_CPP_ISWA),
  VLLM_0_5("vllm-0.5", 8192, false, 375_809_638L, 0.10, SlidingWindowPolicy.FULL_CONTEXT),
  LLAMA_CPP_SWA_FULL("llama.cpp-swa-full", 512, false, 1L << 29, 0.0, SlidingWindowPolicy.FULL_CONTEXT),
  IK_LLAMA_CPP("ik_llama.cpp", 512, false, 1L << 29, 0.0, SlidingWindowPolicy.FULL_CONTEXT);

  private final String label;
  private final long maxTokensPerPass;
  private final boolean logitsForEveryPosition;
  private final long overheadBytes;
  private final double reservedFraction;
  private final SlidingWindowPolicy windowPolicy;

  InferenceRuntime(String label, long maxTokensPerPass, boolean logitsForEveryPosition, long overheadBytes,
      double reservedFraction, SlidingWindowPolicy windowPolicy) {
    this.windowPolicy = windowPolicy;
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

  /** How this runtime sizes sliding-window and chunked layers. */
  public SlidingWindowPolicy windowPolicy() {
    return windowPolicy;
  }

  /** True for the vLLM runtimes, whose memory is vLLM's start-up arithmetic. */
  public boolean isVllm() {
    return this == VLLM || this == VLLM_0_5;
  }

  public static InferenceRuntime parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT).replace("_", ".");
    for (InferenceRuntime r : values()) {
      if (r.label.replace("_", ".").equals(t) || (t.equals("llamacpp") && r == LLAMA_CPP)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown runtime '" + text
        + "' (expected vllm, vllm-0.5, llama.cpp, llama.cpp-swa-full, ik_llama.cpp or transformers)");
  }
}
