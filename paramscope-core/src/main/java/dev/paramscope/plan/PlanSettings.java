package dev.paramscope.plan;

import dev.paramscope.hardware.Gpu;
import dev.paramscope.memory.KvDtype;
import dev.paramscope.memory.WeightDtype;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Everything a plan depends on. An empty optional means "the engine's default", which the plan
 * prints among its assumptions.
 *
 * @param gpu the accelerator
 * @param gpuCount how many of it
 * @param tp tensor-parallel size; empty = every GPU (vLLM, SGLang)
 * @param pp pipeline-parallel size; empty = 1
 * @param expertParallel place MoE experts whole on ranks (vLLM {@code --enable-expert-parallel})
 * @param weights weight storage; null = the model's dtype (vLLM, SGLang, transformers) or Q4_K_M (llama.cpp)
 * @param kv KV-cache dtype (llama.cpp {@code -ctk}); null = the model's dtype (f16 for llama.cpp)
 * @param kvV llama.cpp {@code -ctv}; null = the same as {@code kv}
 * @param context requested context ({@code --max-model-len}, {@code --context-length}, {@code -c});
 *     empty = the model's {@code max_position_embeddings} (4096 for llama.cpp)
 * @param gpuMemoryUtilization vLLM's fraction, or SGLang's {@code mem_fraction_static}
 * @param maxNumBatchedTokens vLLM's profiling batch (and SGLang's chunked prefill)
 * @param maxNumSeqs concurrent sequences the sampler is profiled for (vLLM {@code max_num_seqs})
 * @param nonTorchBytes memory outside PyTorch's allocator (CUDA context, NCCL buffers)
 * @param cudaGraphBytes memory CUDA graph capture takes after the KV pool is allocated
 * @param blockSize vLLM block size in tokens (SGLang page size)
 * @param ngl llama.cpp layers on the GPU; empty = the largest number that fits
 * @param flashAttention llama.cpp {@code -fa}
 * @param ubatch llama.cpp {@code -ub}
 * @param parallel llama.cpp {@code -np} sequences
 * @param mmprojBytes size of the multimodal projector file ({@code --mmproj}), 0 when none
 * @param draft a draft model for speculative decoding ({@code -md}), or null
 * @param cpuRamBytes system RAM for offloaded layers; empty = not checked
 * @param cpuBandwidthBytesPerSecond system RAM bandwidth for decode speed of offloaded layers
 * @param reserveBytes memory llama.cpp/transformers leave free per GPU
 * @param computeBufferBytes llama.cpp compute buffer per GPU; empty = paramscope's estimate
 * @param gpuMemoryBytes memory of one GPU as the engine sees it; empty = the catalog's figure
 * @param vllmEngine the vLLM engine whose profiling pass to mirror; null = V1
 * @param samplerBytesPerLogit bytes vLLM V1's profiled sampler holds per logit; empty = paramscope's count (38)
 */
public record PlanSettings(
    Gpu gpu, int gpuCount, OptionalLong tp, OptionalLong pp, boolean expertParallel,
    WeightDtype weights, KvDtype kv, KvDtype kvV, OptionalLong context,
    OptionalDouble gpuMemoryUtilization, OptionalLong maxNumBatchedTokens, OptionalLong maxNumSeqs,
    OptionalLong nonTorchBytes, OptionalLong cudaGraphBytes, OptionalLong blockSize,
    OptionalLong ngl, boolean flashAttention, OptionalLong ubatch, OptionalLong parallel,
    long mmprojBytes, DraftModel draft, OptionalLong cpuRamBytes, OptionalDouble cpuBandwidthBytesPerSecond,
    OptionalLong reserveBytes, OptionalLong computeBufferBytes, OptionalLong gpuMemoryBytes,
    VllmEngine vllmEngine, OptionalLong samplerBytesPerLogit) {

  public PlanSettings {
    Objects.requireNonNull(gpu, "gpu");
    if (gpuCount < 1 || gpuCount > 65536) {
      throw new IllegalArgumentException("--gpu count must be positive, got " + gpuCount);
    }
    if (mmprojBytes < 0) {
      throw new IllegalArgumentException("--mmproj must not be negative");
    }
    within("--context", context, 1, 1L << 27);
    within("--tp", tp, 1, 4096);
    within("--pp", pp, 1, 4096);
    within("--max-num-batched-tokens", maxNumBatchedTokens, 1, 1L << 27);
    within("--max-num-seqs", maxNumSeqs, 1, 1L << 20);
    within("--block-size", blockSize, 1, 1L << 16);
    within("-ngl", ngl, 0, 1L << 16);
    within("-ub", ubatch, 1, 1L << 20);
    within("-np", parallel, 1, 1L << 16);
    within("--non-torch", nonTorchBytes, 0, 1L << 50);
    within("--cuda-graphs", cudaGraphBytes, 0, 1L << 50);
    within("--reserve", reserveBytes, 0, 1L << 50);
    within("--compute-buffer", computeBufferBytes, 0, 1L << 50);
    within("--cpu-ram", cpuRamBytes, 0, 1L << 56);
    within("--gpu-memory", gpuMemoryBytes, 1, 1L << 50);
    within("--sampler-bytes-per-logit", samplerBytesPerLogit, 1, 1024);
    if (mmprojBytes > 1L << 50) {
      throw new IllegalArgumentException("--mmproj must be at most 1 PiB, got " + mmprojBytes);
    }
    gpuMemoryUtilization.ifPresent(u -> {
      if (!(u > 0 && u <= 1)) {
        throw new IllegalArgumentException("--gpu-memory-utilization must be in (0, 1], got " + u);
      }
    });
  }

  /** Settings with vLLM's default engine (V1). */
  public PlanSettings(Gpu gpu, int gpuCount, OptionalLong tp, OptionalLong pp, boolean expertParallel,
      WeightDtype weights, KvDtype kv, KvDtype kvV, OptionalLong context,
      OptionalDouble gpuMemoryUtilization, OptionalLong maxNumBatchedTokens, OptionalLong maxNumSeqs,
      OptionalLong nonTorchBytes, OptionalLong cudaGraphBytes, OptionalLong blockSize,
      OptionalLong ngl, boolean flashAttention, OptionalLong ubatch, OptionalLong parallel,
      long mmprojBytes, DraftModel draft, OptionalLong cpuRamBytes, OptionalDouble cpuBandwidthBytesPerSecond,
      OptionalLong reserveBytes, OptionalLong computeBufferBytes, OptionalLong gpuMemoryBytes) {
    this(gpu, gpuCount, tp, pp, expertParallel, weights, kv, kvV, context, gpuMemoryUtilization, maxNumBatchedTokens,
        maxNumSeqs, nonTorchBytes, cudaGraphBytes, blockSize, ngl, flashAttention, ubatch, parallel, mmprojBytes, draft,
        cpuRamBytes, cpuBandwidthBytesPerSecond, reserveBytes, computeBufferBytes, gpuMemoryBytes, null,
        OptionalLong.empty());
  }

  /** The same settings with another vLLM engine. */
  public PlanSettings withVllmEngine(VllmEngine engine) {
    return new PlanSettings(gpu, gpuCount, tp, pp, expertParallel, weights, kv, kvV, context, gpuMemoryUtilization,
        maxNumBatchedTokens, maxNumSeqs, nonTorchBytes, cudaGraphBytes, blockSize, ngl, flashAttention, ubatch,
        parallel, mmprojBytes, draft, cpuRamBytes, cpuBandwidthBytesPerSecond, reserveBytes, computeBufferBytes,
        gpuMemoryBytes, engine, samplerBytesPerLogit);
  }

  private static void within(String option, OptionalLong value, long min, long max) {
    if (value.isPresent() && (value.getAsLong() < min || value.getAsLong() > max)) {
      throw new IllegalArgumentException(option + " must be between " + min + " and " + max + ", got "
          + value.getAsLong());
    }
  }

  /** A minimal plan: one model on {@code count} GPUs with every default. */
  public static PlanSettings defaults(Gpu gpu, int count) {
    return new PlanSettings(gpu, count, OptionalLong.empty(), OptionalLong.empty(), false, null, null, null,
        OptionalLong.empty(), OptionalDouble.empty(), OptionalLong.empty(), OptionalLong.empty(),
        OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), false,
        OptionalLong.empty(), OptionalLong.empty(), 0, null, OptionalLong.empty(), OptionalDouble.empty(),
        OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty());
  }

  /**
   * A draft model (llama.cpp {@code -md}): its own weights and KV cache at the same context.
   *
   * @param name display name
   * @param shards its layers and bytes
   */
  public record DraftModel(String name, ModelShards shards) {}
}
