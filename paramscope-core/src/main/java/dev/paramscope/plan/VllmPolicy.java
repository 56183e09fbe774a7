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
 * The activation peak is a paramscope model of the profiling pass (see {@link #activationPeakBytes}).
 */
final class VllmPolicy {
  static final double DEFAULT_UTILIZATION = 0.9;
  static final long DEFAULT_BLOCK_SIZE = 16;
  static final long DEFAULT_BATCHED_TOKENS = 8192;
  static final long DEFAULT_MAX_NUM_SEQS = 256;
  static final long DEFAULT_NON_TORCH = dev.paramscope.memory.InferenceRuntime.VLLM.overheadBytes(); // 0.35 GiB
  static final long DEFAULT_CUDA_GRAPHS = 512L << 20;

  private VllmPolicy() {}

  static EnginePlan plan(PlanContext c) {
    PlanSettings s = c.settings();
    List<Assumption> assumed = new ArrayList<>();
    double util = c.assume(assumed, "gpu_memory_utilization", s.gpuMemoryUtilization(), DEFAULT_UTILIZATION,
        "vllm/engine/arg_utils.py EngineArgs.gpu_memory_utilization");
    long blockSize = c.assume(assumed, "block_size", s.blockSize(), DEFAULT_BLOCK_SIZE,
        "vllm/config/cache.py CacheConfig.block_size (CUDA default)");
    long batched = c.assume(assumed, "max_num_batched_tokens", s.maxNumBatchedTokens(), DEFAULT_BATCHED_TOKENS,
        "vllm/engine/arg_utils.py EngineArgs._set_default_args (vllm serve)");
    long seqs = c.assume(assumed, "max_num_seqs", s.maxNumSeqs(), DEFAULT_MAX_NUM_SEQS,
        "vllm/engine/arg_utils.py EngineArgs._set_default_args");
    long nonTorch = c.assumeBytes(assumed, "non_torch_memory", s.nonTorchBytes(), DEFAULT_NON_TORCH,
        "paramscope assumption: vllm#10517 logs non_torch_memory=0.35GiB at TP 1");
    long graphs = c.assumeBytes(assumed, "cuda_graph_memory", s.cudaGraphBytes(), DEFAULT_CUDA_GRAPHS,
        "paramscope assumption (0 with --enforce-eager)");
    long maxLen = c.requestedContext(assumed, "max_model_len", "vllm/config/model.py ModelConfig.max_model_len");
    long total = c.totalBytes(assumed);
    long budget = (long) Math.floor(total * util);
    long act = activationPeakBytes(c, batched, seqs);
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
   * to start: "No available memory for the cache blocks").
   */
  static long poolBytes(long totalBytes, double utilization, long weightBytes, long activationBytes,
      long nonTorchBytes) {
    return (long) Math.floor(totalBytes * utilization) - weightBytes - activationBytes - nonTorchBytes;
  }

  /**
   * Peak of the profiling pass (paramscope model, stated): the forward pass at
   * {@code max_num_batched_tokens} holds the MLP's gate/up output, its activation and the
   * residual, normed and attention streams, {@code tokens × (3·i/tp + 3·h) × 2} bytes; the
   * sampler pass then holds {@code max_num_seqs × vocab × 4} bytes of FP32 logits; the peak is
   * the larger. Matches vllm#10517 (Llama-3.1-8B: 2.07 GiB at 20000 tokens, 2.99 GiB at 29000).
   */
  static long activationPeakBytes(PlanContext c, long tokens, long seqs) {
    return activationPeakBytes(c.arch(), c.shards().activeIntermediate(), c.parallelism().tp(), tokens, seqs);
  }

  static long activationPeakBytes(dev.paramscope.model.ModelArchitecture arch, long activeIntermediate, int tp,
      long tokens, long seqs) {
    long h = arch.hiddenSize();
    long i = activeIntermediate / tp;
    long forward = Math.multiplyExact(tokens, Math.multiplyExact(3 * i + 3 * h, 2L));
    long sampler = Math.multiplyExact(Math.multiplyExact(seqs, arch.vocabSize()), 4L);
    return Math.max(forward, sampler);
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
