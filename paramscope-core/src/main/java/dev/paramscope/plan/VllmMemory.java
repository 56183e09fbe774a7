package dev.paramscope.plan;

import dev.paramscope.count.ParameterCount;
import dev.paramscope.hardware.Gpu;
import dev.paramscope.memory.KvDtype;
import dev.paramscope.memory.WeightDtype;
import dev.paramscope.model.ModelArchitecture;
import java.util.OptionalLong;

/**
 * vLLM's start-up arithmetic ({@link VllmPolicy}) for {@code paramscope memory}, so that the
 * {@code memory} and {@code plan} commands give one answer for vLLM: the profiled activation peak,
 * and whether {@code batch} requests of {@code context} tokens fit the KV pool that
 * {@code determine_available_memory} leaves on {@code tp} GPUs.
 */
public final class VllmMemory {
  private VllmMemory() {}

  /**
   * The profiled activation peak on one GPU at vLLM V1's defaults for {@code gpu} ({@link VllmProfile}):
   * {@code max_num_batched_tokens} and {@code max_num_seqs} as {@code vllm serve} sets them for that GPU
   * and {@code --max-model-len context}; with no GPU, the defaults of GPUs under 70 GiB (2048, 256).
   */
  public static long activationPeakBytes(ModelArchitecture arch, Gpu gpu, long context) {
    boolean large = gpu != null && VllmProfile.largeGpu(gpu.runtimeVisibleBytes(), gpu.id());
    long seqs = VllmProfile.defaultMaxNumSeqs(VllmEngine.V1, large);
    long tokens = Math.min(Math.multiplyExact(seqs, context),
        VllmProfile.defaultBatchedTokens(VllmEngine.V1, large, context));
    return VllmProfile.activationPeakBytes(VllmEngine.V1, arch, ModelShards.activeIntermediate(arch), 1, tokens,
        Math.min(seqs, tokens), VllmProfile.V1_SAMPLER_BYTES_PER_LOGIT);
  }

  /**
   * One fit of vLLM's pool.
   *
   * @param fits vLLM starts with {@code --max-model-len context} and holds {@code batch} such requests at once
   * @param freeBytes the pool left after {@code batch} requests (negative: missing)
   */
  public record Fit(boolean fits, long freeBytes) {}

  /**
   * Plans vLLM on {@code tp} GPUs (tensor parallel) with {@code --max-model-len context}.
   *
   * @throws IllegalArgumentException when {@code tp} does not suit the model's heads
   */
  public static Fit fit(ModelArchitecture arch, ParameterCount count, WeightDtype weights, KvDtype kv, Gpu gpu,
      int tp, long context, long batch) {
    PlanSettings d = PlanSettings.defaults(gpu, tp);
    PlanSettings s = new PlanSettings(gpu, tp, OptionalLong.of(tp), OptionalLong.of(1), false, weights, kv, null,
        OptionalLong.of(context), d.gpuMemoryUtilization(), d.maxNumBatchedTokens(), d.maxNumSeqs(),
        d.nonTorchBytes(), d.cudaGraphBytes(), d.blockSize(), d.ngl(), false, d.ubatch(), d.parallel(), 0, null,
        d.cpuRamBytes(), d.cpuBandwidthBytesPerSecond(), d.reserveBytes(), d.computeBufferBytes(), d.gpuMemoryBytes());
    EnginePlan p = Planner.plan(Engine.VLLM, arch.name(), arch, count, s);
    long budget = p.figures().get("gpu_memory_budget_bytes").longValue();
    long fixed = p.terms().get("weights_bytes") + p.terms().get("activation_peak_bytes") + p.terms().get("non_torch_bytes");
    long pool = p.terms().get("kv_cache_bytes");
    double concurrency = p.figures().get("max_concurrency").doubleValue();
    if (pool <= 0 || concurrency <= 0) {
      return new Fit(false, budget - fixed);
    }
    long requests = (long) Math.ceil(batch * (pool / concurrency));
    return new Fit(p.fits() && concurrency >= batch, pool - requests);
  }
}
