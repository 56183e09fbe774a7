package dev.paramscope.plan;

import dev.paramscope.memory.KvDtype;
import dev.paramscope.plan.EnginePlan.Assumption;
import dev.paramscope.plan.EnginePlan.Hint;
import dev.paramscope.units.ByteUnit;
import dev.paramscope.units.Quantities;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * vLLM's start-up memory arithmetic, as of v0.10 (V1 engine).
 *
 * <ol>
 *   <li>{@code vllm/v1/worker/gpu_worker.py Worker.determine_available_memory}: the KV pool is
 *       {@code total × gpu_memory_utilization − (weights + activation peak of a profiling forward
 *       pass at max_num_batched_tokens + non-torch memory)}.
 *   <li>{@code vllm/v1/core/kv_cache_utils.py get_num_blocks}: {@code num_blocks = pool // page_size
 *       // layers per group}, with {@code page_size = block_size × 2 × kv_heads × head_size × dtype}
 *       ({@code FullAttentionSpec.page_size_bytes}, vllm/v1/kv_cache_interface.py; MLA stores one
 *       latent of {@code kv_lora_rank + qk_rope_head_dim}, no factor 2, {@code MLAAttentionSpec}).
 *       Sliding-window and full layers form groups of equal size sharing one block pool
 *       ({@code _get_kv_cache_config_uniform_page_size}); a sliding group needs
 *       {@code cdiv(min(window − 1 + max_num_batched_tokens, max_model_len), block_size)} blocks per
 *       request ({@code SlidingWindowSpec.max_memory_usage_bytes}).
 *   <li>{@code _report_kv_cache_config}: {@code GPU KV cache size: num_blocks // groups × block_size}
 *       tokens and {@code Maximum concurrency for L tokens per request: num_blocks / blocks per request}.
 *   <li>{@code check_enough_kv_cache_memory} / {@code estimate_max_model_len}: the engine refuses to
 *       start unless one request of {@code max_model_len} fits; the largest length that fits is what
 *       it suggests.
 *   <li>CUDA graphs are captured after the pool is allocated ({@code GPUModelRunner.capture_model}),
 *       so they must fit in the {@code 1 − gpu_memory_utilization} headroom.
 * </ol>
 * The activation peak is a model of the profiling pass, V1 by default ({@link VllmProfile}).
 */
final class VllmPolicy {
  static final double DEFAULT_UTILIZATION = 0.9;
  static final long DEFAULT_BLOCK_SIZE = 16;
  static final long DEFAULT_NON_TORCH = dev.paramscope.memory.InferenceRuntime.VLLM.overheadBytes(); // 0.35 GiB
  static final long DEFAULT_CUDA_GRAPHS = 512L << 20;

  private VllmPolicy() {}

  static EnginePlan plan(PlanContext c) {
    PlanSettings s = c.settings();
    List<Assumption> assumed = new ArrayList<>();
    VllmEngine engine = s.vllmEngine() != null ? s.vllmEngine() : VllmEngine.V1;
    if (s.vllmEngine() == null) {
      assumed.add(new Assumption("vllm_engine", engine.label(),
          "vLLM 0.8 and later run the V1 engine (V0 removed in 0.11); --vllm-engine v0 for older releases"));
    }
    double util = c.assume(assumed, "gpu_memory_utilization", s.gpuMemoryUtilization(), DEFAULT_UTILIZATION,
        "vllm/engine/arg_utils.py EngineArgs.gpu_memory_utilization");
    long blockSize = c.assume(assumed, "block_size", s.blockSize(), DEFAULT_BLOCK_SIZE,
        "vllm/config/cache.py CacheConfig.block_size (CUDA default)");
    long maxLen = c.requestedContext(assumed, "max_model_len", "vllm/config/model.py ModelConfig.max_model_len");
    long total = c.totalBytes(assumed);
    long[] batch = batch(c, assumed, engine, total, maxLen);
    long batched = batch[0];
    long seqs = batch[1];
    long perLogit = engine == VllmEngine.V1
        ? c.assume(assumed, "sampler_bytes_per_logit", s.samplerBytesPerLogit(), VllmProfile.V1_SAMPLER_BYTES_PER_LOGIT,
            "vllm/v1/sample/ops/topk_topp_sampler.py apply_top_k_top_p, PyTorch path of vLLM 0.7-0.11 "
                + "(FlashInfer's sampler, where vLLM uses it, holds less)")
        : VllmProfile.V0_SAMPLER_BYTES_PER_LOGIT;
    long nonTorch = c.assumeBytes(assumed, "non_torch_memory", s.nonTorchBytes(), DEFAULT_NON_TORCH,
        "paramscope assumption: vllm#10517 logs non_torch_memory=0.35GiB at TP 1");
    long graphs = c.assumeBytes(assumed, "cuda_graph_memory", s.cudaGraphBytes(), DEFAULT_CUDA_GRAPHS,
        "paramscope assumption (0 with --enforce-eager)");
    long budget = (long) Math.floor(total * util);
    long act = VllmProfile.activationPeakBytes(engine, c.arch(), c.shards().activeIntermediate(),
        c.parallelism().tp(), batched, seqs, perLogit);
    PlanContext.Stage stage = c.busiestStage();
    long kvPool = poolBytes(total, util, stage.weightBytes(), act, nonTorch);
    KvPool pool = KvPool.of(c, stage, c.kvDtype(), blockSize, batched, Math.max(kvPool, 0));
    Map<String, Long> terms = new LinkedHashMap<>();
    terms.put("weights_bytes", stage.weightBytes());
    terms.put("activation_peak_bytes", act);
    terms.put("non_torch_bytes", nonTorch);
    terms.put("kv_cache_bytes", pool.poolBytes());
    terms.put("cuda_graph_bytes", graphs);
    return finish(c, assumed, terms, pool, stage, new long[] {total, budget, maxLen, kvPool}, util);
  }

  /**
   * {@code max_num_batched_tokens} and {@code max_num_seqs} as vLLM settles them ({@link VllmProfile}):
   * the user's values, else the engine's defaults for this GPU, each default capped as V1 caps it.
   */
  private static long[] batch(PlanContext c, List<Assumption> assumed, VllmEngine engine, long total, long maxLen) {
    PlanSettings s = c.settings();
    boolean large = VllmProfile.largeGpu(total, s.gpu().id());
    long seqs = s.maxNumSeqs().orElse(VllmProfile.defaultMaxNumSeqs(engine, large));
    long tokens = s.maxNumBatchedTokens().orElse(VllmProfile.defaultBatchedTokens(engine, large, maxLen));
    boolean v1 = engine == VllmEngine.V1;
    if (s.maxNumBatchedTokens().isEmpty() && v1) {
      tokens = Math.min(Math.multiplyExact(seqs, maxLen), tokens);
    }
    if (s.maxNumSeqs().isEmpty() && v1) {
      seqs = Math.min(seqs, tokens);
    }
    String where = v1 ? (large ? " (GPU of 70 GiB or more, not A100)" : " (GPU under 70 GiB, or A100)") : "";
    if (s.maxNumBatchedTokens().isEmpty()) {
      assumed.add(new Assumption("max_num_batched_tokens", Long.toString(tokens), v1
          ? "vllm/engine/arg_utils.py EngineArgs.get_batch_defaults, vllm serve" + where
          : "vllm/config.py SchedulerConfig (V0: max(max_model_len, 2048) up to 32K context, else 2048)"));
    }
    if (s.maxNumSeqs().isEmpty()) {
      assumed.add(new Assumption("max_num_seqs", Long.toString(seqs), v1
          ? "vllm/engine/arg_utils.py EngineArgs.get_batch_defaults" + where
          : "vllm/config.py SchedulerConfig (V0)"));
    }
    return new long[] {tokens, seqs};
  }

  /** The verdict, figures, hints and command from the terms; {@code m} = total, budget, max_model_len, pool. */
  private static EnginePlan finish(PlanContext c, List<Assumption> assumed, Map<String, Long> terms, KvPool pool,
      PlanContext.Stage stage, long[] m, double util) {
    long total = m[0];
    long budget = m[1];
    long maxLen = m[2];
    long kvPool = m[3];
    long act = terms.get("activation_peak_bytes");
    long nonTorch = terms.get("non_torch_bytes");
    long largest = pool.largestContext(c.maxPositions());
    boolean kvOk = kvPool > 0 && pool.blocksPerRequest(maxLen) <= pool.numBlocks();
    boolean graphsOk = terms.get("cuda_graph_bytes") <= total - budget;
    String binding = binding(stage.weightBytes() > budget, kvPool <= 0, kvOk, graphsOk, act, nonTorch);
    long runLen = kvOk || largest <= 0 ? maxLen : largest;
    Map<String, Number> figures = new LinkedHashMap<>();
    figures.put("gpu_memory_budget_bytes", budget);
    figures.put("num_gpu_blocks", pool.numBlocks());
    if (pool.blockSize() != c.settings().blockSize().orElse(DEFAULT_BLOCK_SIZE)) {
      figures.put("attention_block_size", pool.blockSize());
    }
    figures.put("gpu_kv_cache_tokens", pool.reportedTokens());
    figures.put("max_model_len", maxLen);
    figures.put("max_concurrency", pool.concurrency(maxLen));
    figures.put("largest_max_model_len", largest);
    c.parallelFigures(figures, stage);
    List<Hint> hints = hints(c, kvOk, largest, maxLen, stage.weightBytes() > budget, graphsOk);
    String command = command(c, runLen, util, c.settings().gpuMemoryUtilization().isPresent());
    return new EnginePlan(Engine.VLLM, kvOk && graphsOk && stage.weightBytes() <= budget, binding, total, terms,
        figures, assumed, command, hints);
  }

  /**
   * The KV pool of {@code Worker.determine_available_memory}: {@code total × gpu_memory_utilization −
   * weights − activation peak − non-torch memory}; negative when nothing is left (vLLM then refuses
   * to start: "No available memory for the cache blocks"). V1 ({@code vllm/v1/worker/gpu_worker.py},
   * vllm-project/vllm@35d5cda) computes it as {@code requested_memory − non_kv_cache_memory} of
   * {@code memory_profiling}, the same sum.
   */
  static long poolBytes(long totalBytes, double utilization, long weightBytes, long activationBytes,
      long nonTorchBytes) {
    return (long) Math.floor(totalBytes * utilization) - weightBytes - activationBytes - nonTorchBytes;
  }

  /** The profiling peak of {@code engine}'s pass at {@code tokens} and {@code seqs} ({@link VllmProfile}). */
  static long activationPeakBytes(PlanContext c, VllmEngine engine, long tokens, long seqs) {
    return VllmProfile.activationPeakBytes(engine, c.arch(), c.shards().activeIntermediate(), c.parallelism().tp(),
        tokens, seqs, engine == VllmEngine.V1 ? VllmProfile.V1_SAMPLER_BYTES_PER_LOGIT
            : VllmProfile.V0_SAMPLER_BYTES_PER_LOGIT);
  }

  private static String binding(boolean weightsOver, boolean poolEmpty, boolean kvOk, boolean graphsOk, long act,
      long nonTorch) {
    if (weightsOver) {
      return "weights_bytes";
    }
    if (poolEmpty) {
      return act >= nonTorch ? "activation_peak_bytes" : "non_torch_bytes";
    }
    if (kvOk && !graphsOk) {
      return "cuda_graph_bytes";
    }
    return "kv_cache_bytes";
  }

  private static List<Hint> hints(PlanContext c, boolean kvOk, long largest, long maxLen, boolean weightsOver,
      boolean graphsOk) {
    List<Hint> hints = new ArrayList<>();
    if (weightsOver) {
      hints.add(new Hint("hint.plan.more_gpus", List.of()));
      return hints;
    }
    if (!kvOk && largest > 0) {
      hints.add(new Hint("hint.plan.max_model_len", List.of("--max-model-len " + largest)));
    }
    if (!kvOk && c.kvDtype().bytesPerElement() > 1) {
      hints.add(new Hint("hint.plan.kv_dtype", List.of("--kv-cache-dtype fp8")));
    }
    if (!graphsOk) {
      hints.add(new Hint("hint.plan.eager", List.of("--enforce-eager")));
    }
    return hints;
  }

  private static String command(PlanContext c, long maxLen, double util, boolean utilGiven) {
    Parallelism p = c.parallelism();
    StringBuilder sb = new StringBuilder("vllm serve ").append(c.modelId());
    if (p.tp() > 1) {
      sb.append(" --tensor-parallel-size ").append(p.tp());
    }
    if (p.pp() > 1) {
      sb.append(" --pipeline-parallel-size ").append(p.pp());
    }
    if (p.expertParallel()) {
      sb.append(" --enable-expert-parallel");
    }
    sb.append(" --max-model-len ").append(maxLen);
    if (c.settings().kv() != null && c.kvDtype().bytesPerElement() == 1) {
      sb.append(" --kv-cache-dtype fp8");
    }
    if (utilGiven) {
      sb.append(" --gpu-memory-utilization ").append(String.format(Locale.ROOT, "%.2f", util));
    }
    return sb.toString();
  }

  static String gib(long bytes) {
    return Quantities.bytes(bytes, ByteUnit.GIB);
  }

  static boolean isFp8(KvDtype kv) {
    return kv == KvDtype.FP8;
  }
}
