package dev.paramscope.plan;

import dev.paramscope.model.ModelArchitecture;
import java.util.Locale;

/**
 * vLLM's profiling pass ({@code Worker.determine_available_memory} runs
 * {@code GPUModelRunner.profile_run}) and the batch it runs at, for the V1 engine (default) and V0.
 *
 * <p>Batch defaults, V1: {@code vllm/engine/arg_utils.py EngineArgs.get_batch_defaults} (vLLM 0.10-0.11,
 * vllm-project/vllm@99d7eb5): on a GPU with at least 70 GiB that is not an A100, the API server uses
 * {@code max_num_batched_tokens=8192, max_num_seqs=1024}; otherwise 2048 and 256. Then
 * {@code _set_default_max_num_seqs_and_batched_tokens_args}: a defaulted token budget is capped at
 * {@code max_num_seqs × max_model_len}, a defaulted {@code max_num_seqs} at the token budget. V0
 * ({@code vllm/config.py SchedulerConfig}, v0.6): 256 sequences; chunked prefill only above 32K
 * context, so the budget is {@code max(max_model_len, 2048)} up to 32K and 2048 beyond.
 */
final class VllmProfile {
  /** GPUs from this size up (and not A100) get the larger V1 defaults. */
  static final long LARGE_GPU_BYTES = 70L << 30;

  /**
   * Bytes the V1 dummy sampler run holds per logit (one request × one vocabulary entry) at its
   * peak, the full-vocabulary sort of {@code apply_top_k_top_p}
   * ({@code vllm/v1/sample/ops/topk_topp_sampler.py}, PyTorch path of vLLM 0.7-0.11): the logits at
   * the model's 16-bit dtype from {@code compute_logits} (2), their FP32 copy ({@code Sampler.forward},
   * 4), the sort's values (4) and int64 indices (8), and the sort's workspace: PyTorch sorts 128 or
   * more rows with {@code segmented_sort_pairs} ({@code aten/src/ATen/native/cuda/SortStable.cu},
   * pytorch/pytorch@061531e), which fills an int64 index array (8) and calls cub's segmented radix
   * sort, whose temporary storage holds second key and value buffers (4 + 8). Held to
   * vllm#13594 (the sampler's cost measured on OPT-125m) and vllm#23278 (gpt-oss-120b on an H100).
   */
  static final long V1_SAMPLER_BYTES_PER_LOGIT = 2 + 4 + 4 + 8 + 8 + 12;

  /** V0's sampler profile: FP32 logits of {@code max_num_seqs} requests (vllm#10517 fit). */
  static final long V0_SAMPLER_BYTES_PER_LOGIT = 4;

  private VllmProfile() {}

  /** Whether vLLM gives this GPU its larger batch defaults (device memory and name as arg_utils checks them). */
  static boolean largeGpu(long totalBytes, String gpuId) {
    return totalBytes >= LARGE_GPU_BYTES && !gpuId.toLowerCase(Locale.ROOT).contains("a100");
  }

  /** The default {@code max_num_seqs} before the cap by the token budget. */
  static long defaultMaxNumSeqs(VllmEngine engine, boolean largeGpu) {
    return engine == VllmEngine.V1 && largeGpu ? 1024 : 256;
  }

  /** The default {@code max_num_batched_tokens} before the cap by {@code max_num_seqs × max_model_len}. */
  static long defaultBatchedTokens(VllmEngine engine, boolean largeGpu, long maxModelLen) {
    if (engine == VllmEngine.V0) {
      return maxModelLen > 32_768 ? 2048 : Math.max(maxModelLen, 2048);
    }
    return largeGpu ? 8192 : 2048;
  }

  /**
   * Peak of the profiling pass above the weights.
   *
   * <p>Forward pass ({@code _dummy_run(max_num_tokens)}), a paramscope model fitted to vllm#10517:
   * the MLP's gate/up output, its activation and the residual, normed and attention streams,
   * {@code tokens × (3·i/tp + 3·h) × 2} bytes.
   *
   * <p>V1 then keeps the hidden states ({@code tokens × h × 2}) and runs {@code _dummy_sampler_run}
   * on {@code min(max_num_seqs, tokens)} requests ({@code _dummy_run} caps the requests by the
   * tokens): {@code requests × vocab × bytesPerLogit} ({@link #V1_SAMPLER_BYTES_PER_LOGIT} by default).
   * V0's sampler holds {@code max_num_seqs × vocab × bytesPerLogit} ({@link #V0_SAMPLER_BYTES_PER_LOGIT}).
   * The peak is the larger pass.
   */
  static long activationPeakBytes(VllmEngine engine, ModelArchitecture arch, long activeIntermediate, int tp,
      long tokens, long seqs, long bytesPerLogit) {
    long h = arch.hiddenSize();
    long i = activeIntermediate / tp;
    long forward = Math.multiplyExact(tokens, Math.multiplyExact(3 * i + 3 * h, 2L));
    long sampler;
    if (engine == VllmEngine.V1) {
      long requests = Math.min(seqs, tokens);
      long logits = Math.multiplyExact(requests, arch.vocabSize());
      sampler = Math.addExact(Math.multiplyExact(logits, bytesPerLogit),
          Math.multiplyExact(tokens, h * 2));
    } else {
      sampler = Math.multiplyExact(Math.multiplyExact(seqs, arch.vocabSize()), bytesPerLogit);
    }
    return Math.max(forward, sampler);
  }
}
