package dev.paramscope.plan;

import dev.paramscope.plan.EnginePlan.Assumption;
import dev.paramscope.plan.EnginePlan.Hint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SGLang's start-up memory arithmetic, as of v0.4.
 *
 * <ul>
 *   <li>{@code mem_fraction_static} is the share of the GPU for weights plus the KV pool; the rest
 *       is left for activations and CUDA graphs. Default by TP size
 *       (python/sglang/srt/server_args.py {@code ServerArgs.__post_init__}): 0.88 at TP 1, 0.87 at
 *       TP 2, 0.85 at TP 4, 0.81 at TP 8, 0.79 at TP 16.
 *   <li>python/sglang/srt/model_executor/model_runner.py {@code ModelRunner.profile_max_num_token}:
 *       {@code rest = free memory after loading − total × (1 − mem_fraction_static)};
 *       {@code max_total_num_tokens = rest // cell_size} with {@code cell_size = kv_heads/tp ×
 *       head_dim × layers × 2 × dtype bytes} (MLA: {@code (kv_lora_rank + qk_rope_head_dim) ×
 *       layers × dtype bytes}), rounded down to whole pages ({@code page_size}, default 1).
 *   <li>{@code ModelRunner.init_memory_pool} logs {@code KV Cache is allocated. #tokens: N, K size:
 *       X GB, V size: X GB} (the "GB" there are GiB).
 * </ul>
 * Every attention layer is sized at full context (no separate sliding-window or chunked pool), as
 * v0.4 does for most models. Recurrent layers (Gated DeltaNet, Mamba) hold no tokens: their states
 * sit in a {@code MambaPool} of {@code max_mamba_cache_size} request slots, which by default takes
 * {@code mamba_full_memory_ratio / (1 + ratio)} of the rest (ratio 0.9,
 * {@code ModelRunner.handle_max_mamba_cache}, python/sglang/srt/model_executor/model_runner.py, and
 * {@code ServerArgs.mamba_full_memory_ratio}, v0.5); the KV pool gets what is left.
 */
final class SglangPolicy {
  static final long DEFAULT_CONTEXT_BYTES = 375_809_638L; // 0.35 GiB
  static final double MAMBA_FULL_MEMORY_RATIO = 0.9;

  private SglangPolicy() {}

  static double defaultMemFractionStatic(int tp) {
    if (tp >= 16) {
      return 0.79;
    }
    if (tp >= 8) {
      return 0.81;
    }
    if (tp >= 4) {
      return 0.85;
    }
    return tp >= 2 ? 0.87 : 0.88;
  }

  static EnginePlan plan(PlanContext c) {
    PlanSettings s = c.settings();
    List<Assumption> assumed = new ArrayList<>();
    double mfs = c.assume(assumed, "mem_fraction_static", s.gpuMemoryUtilization(),
        defaultMemFractionStatic(c.parallelism().tp()), "python/sglang/srt/server_args.py ServerArgs.__post_init__");
    long page = c.assume(assumed, "page_size", s.blockSize(), 1, "python/sglang/srt/server_args.py ServerArgs.page_size");
    long ctxBytes = c.assumeBytes(assumed, "cuda_context", s.nonTorchBytes(), DEFAULT_CONTEXT_BYTES,
        "paramscope assumption: CUDA context and NCCL buffers counted as used before profiling");
    long contextLen = c.requestedContext(assumed, "context_length", "python/sglang/srt/configs/model_config.py ModelConfig");
    long total = c.totalBytes(assumed);
    PlanContext.Stage stage = c.busiestStage();
    long reserved = (long) Math.ceil(total * (1 - mfs));
    long rest = total - stage.weightBytes() - ctxBytes - reserved;
    long statePerRequest = stateBytes(c, stage);
    long slots = statePerRequest > 0 && rest > 0
        ? (long) (rest * MAMBA_FULL_MEMORY_RATIO / (1 + MAMBA_FULL_MEMORY_RATIO)) / statePerRequest : 0;
    long stateBytes = Math.multiplyExact(slots, statePerRequest);
    rest -= stateBytes;
    long cell = cellBytes(c, stage);
    long tokens = rest <= 0 ? 0 : cell == 0 ? Math.multiplyExact(slots, contextLen) : rest / cell / page * page;
    long kBytes = Math.multiplyExact(tokens, keyBytes(c, stage));
    Map<String, Long> terms = new LinkedHashMap<>();
    terms.put("weights_bytes", stage.weightBytes());
    terms.put("cuda_context_bytes", ctxBytes);
    terms.put("kv_cache_bytes", Math.multiplyExact(tokens, cell));
    if (statePerRequest > 0) {
      terms.put("state_bytes", stateBytes);
    }
    terms.put("reserved_bytes", reserved);
    Map<String, Number> figures = new LinkedHashMap<>();
    figures.put("max_total_num_tokens", tokens);
    figures.put("kv_cell_bytes", cell);
    figures.put("k_size_bytes", kBytes);
    figures.put("v_size_bytes", Math.multiplyExact(tokens, cell) - kBytes);
    figures.put("context_length", contextLen);
    if (statePerRequest > 0) {
      figures.put("max_mamba_cache_size", slots);
    }
    figures.put("max_concurrency", tokens / (double) contextLen);
    figures.put("largest_context_length", Math.min(tokens, c.maxPositions() > 0 ? c.maxPositions() : tokens));
    c.parallelFigures(figures, stage);
    boolean weightsOver = stage.weightBytes() > total * mfs;
    boolean fits = !weightsOver && tokens >= contextLen;
    List<Hint> hints = new ArrayList<>();
    if (weightsOver) {
      hints.add(new Hint("hint.plan.more_gpus", List.of()));
    } else if (tokens < contextLen && tokens > 0) {
      hints.add(new Hint("hint.plan.max_model_len", List.of("--context-length " + tokens)));
    }
    long runLen = fits || tokens <= 0 ? contextLen : tokens;
    return new EnginePlan(Engine.SGLANG, fits, weightsOver ? "weights_bytes" : "kv_cache_bytes", total, terms,
        figures, assumed, command(c, runLen, mfs, s.gpuMemoryUtilization().isPresent()), hints);
  }

  /** Bytes one token takes in every layer of the stage on one rank (K and V). */
  static long cellBytes(PlanContext c, PlanContext.Stage stage) {
    long cell = 0;
    for (int i = stage.firstLayer(); i < stage.firstLayer() + stage.layers(); i++) {
      cell = Math.addExact(cell, c.shards().kvBytesPerTokenPerLayer(i, c.parallelism(), c.kvDtype()));
    }
    return cell;
  }

  /** Constant state bytes one request keeps in the stage's recurrent layers on one rank (0 without any). */
  static long stateBytes(PlanContext c, PlanContext.Stage stage) {
    long bytes = 0;
    long perValue = dev.paramscope.memory.KvCache.stateBytesPerValue(c.kvDtype());
    for (int i = stage.firstLayer(); i < stage.firstLayer() + stage.layers(); i++) {
      bytes = Math.addExact(bytes, c.shards().stateBytesPerLayer(i, c.parallelism(), perValue));
    }
    return bytes;
  }

  /** The K half of a cell (all of it for MLA, whose pool holds only the latent). */
  static long keyBytes(PlanContext c, PlanContext.Stage stage) {
    long k = 0;
    for (int i = stage.firstLayer(); i < stage.firstLayer() + stage.layers(); i++) {
      long both = c.shards().kvBytesPerTokenPerLayer(i, c.parallelism(), c.kvDtype());
      k += c.arch().layers().get(i).attention() instanceof dev.paramscope.model.LatentAttention ? both : both / 2;
    }
    return k;
  }

  private static String command(PlanContext c, long contextLen, double mfs, boolean given) {
    Parallelism p = c.parallelism();
    StringBuilder sb = new StringBuilder("python -m sglang.launch_server --model-path ").append(c.modelId());
    if (p.tp() > 1) {
      sb.append(" --tp ").append(p.tp());
    }
    if (p.pp() > 1) {
      sb.append(" --pp-size ").append(p.pp());
    }
    if (p.expertParallel()) {
      sb.append(" --ep-size ").append(p.tp());
    }
    sb.append(" --context-length ").append(contextLen);
    if (c.settings().kv() != null && c.kvDtype().bytesPerElement() == 1) {
      sb.append(" --kv-cache-dtype fp8_e4m3");
    }
    if (given) {
      sb.append(" --mem-fraction-static ").append(String.format(Locale.ROOT, "%.2f", mfs));
    }
    return sb.toString();
  }
}
