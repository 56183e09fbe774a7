package dev.paramscope.plan;

import dev.paramscope.memory.KvDtype;
import dev.paramscope.plan.EnginePlan.Assumption;
import dev.paramscope.plan.EnginePlan.Hint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * llama.cpp ({@code llama-server}) memory and offload, as of mid-2025 (b5900).
 *
 * <ul>
 *   <li>Placement, src/llama-model.cpp {@code llama_model::load_tensors}: with {@code -ngl N} the
 *       last {@code N} decoder layers go to the GPU ({@code i_gpu_start = n_layer − N}), the output
 *       head only when {@code N > n_layer}; the token embedding stays in system RAM. Each layer's KV
 *       cache lives with the layer ({@code offload_kqv}, default on). Several GPUs split the layers
 *       ({@code -sm layer}), each with its own compute buffer.
 *   <li>KV cache: {@link LlamaCppKv}. Weights of a layer: parameters × the file type's average
 *       bytes per parameter.
 *   <li>Compute buffer (paramscope estimate, stated; {@code --compute-buffer} overrides): the FP32
 *       streams of one micro-batch, {@code n_ubatch × 4·h × 4} bytes, plus the larger of its FP32
 *       logits {@code n_ubatch × vocab × 4} and, without flash attention, one layer's FP32 score
 *       matrix {@code n_ubatch × kv_size × n_head × 4} (within 3% of the logs in engine-logs.json).
 *   <li>The projector ({@code --mmproj}) and a draft model ({@code -md}, all layers offloaded, its KV at
 *       the same context) sit on the first GPU.
 *   <li>Decode speed of a split: each token reads the GPU layers at GPU bandwidth and the CPU layers
 *       at {@code --cpu-bandwidth}, one after the other (active weights for an MoE, KV at full context).
 * </ul>
 */
final class LlamaCppPolicy {
  static final long DEFAULT_CONTEXT = 4096;
  static final long DEFAULT_UBATCH = 512;
  static final long DEFAULT_RESERVE = 512L << 20;
  static final double DEFAULT_CPU_BANDWIDTH = 60e9;

  private LlamaCppPolicy() {}

  static EnginePlan plan(PlanContext c) {
    PlanSettings s = c.settings();
    List<Assumption> assumed = new ArrayList<>();
    long nCtx = c.assume(assumed, "n_ctx (-c)", s.context(), DEFAULT_CONTEXT, "common/common.h common_params.n_ctx");
    long ubatch = c.assume(assumed, "n_ubatch (-ub)", s.ubatch(), DEFAULT_UBATCH, "common/common.h common_params.n_ubatch");
    long seqs = c.assume(assumed, "n_parallel (-np)", s.parallel(), 1, "common/common.h common_params.n_parallel");
    long reserve = c.assumeBytes(assumed, "gpu_reserve", s.reserveBytes(), DEFAULT_RESERVE,
        "paramscope assumption: CUDA context and driver per GPU");
    double cpuBw = c.assume(assumed, "cpu_bandwidth_gb_s", s.cpuBandwidthBytesPerSecond().isPresent()
        ? java.util.OptionalDouble.of(s.cpuBandwidthBytesPerSecond().getAsDouble() / 1e9)
        : java.util.OptionalDouble.empty(), DEFAULT_CPU_BANDWIDTH / 1e9,
        "paramscope assumption: dual-channel DDR5, achieved") * 1e9;
    KvDtype typeK = s.kv() == null ? KvDtype.FP16 : s.kv();
    KvDtype typeV = s.kvV() == null ? typeK : s.kvV();
    LlamaCppKv kv = new LlamaCppKv(c.shards(), typeK, typeV, s.flashAttention(), ubatch, seqs);
    Layout full = new Layout(c, kv, nCtx, ubatch, reserve);
    int n = c.arch().numLayers();
    int ngl = s.ngl().isPresent() ? (int) Math.min(s.ngl().getAsLong(), n + 1L) : full.largestNgl();
    Map<String, Long> terms = full.gpuTerms(Math.max(ngl, 0));
    long capacity = c.totalBytes(assumed);
    boolean gpuOk = ngl >= 0 && full.fitsGpu(ngl);
    long cpuBytes = full.cpuBytes(Math.max(ngl, 0));
    boolean ramOk = s.cpuRamBytes().isEmpty() || cpuBytes <= s.cpuRamBytes().getAsLong();
    Map<String, Number> figures = figures(c, kv, full, nCtx, ngl, cpuBytes, cpuBw);
    List<Hint> hints = new ArrayList<>();
    if (ngl < n + 1) {
      hints.add(new Hint("hint.plan.offload", List.of(Integer.toString(Math.max(ngl, 0)), Integer.toString(n + 1))));
      if (typeK.bytesPerElement() > 1.1) {
        hints.add(new Hint("hint.plan.kv_dtype", List.of("-ctk q8_0 -ctv q8_0")));
      }
    }
    if (!ramOk) {
      hints.add(new Hint("hint.plan.cpu_ram", List.of(VllmPolicy.gib(cpuBytes))));
    }
    String binding = !gpuOk ? "compute_buffer_bytes" : ngl < n + 1 ? "weights_bytes" : largestTerm(terms);
    return new EnginePlan(Engine.LLAMA_CPP, gpuOk && ramOk, binding, capacity, terms, figures, assumed,
        command(c, Math.max(ngl, 0), nCtx, typeK, typeV, seqs), hints);
  }

  private static Map<String, Number> figures(PlanContext c, LlamaCppKv kv, Layout full, long nCtx, int ngl,
      long cpuBytes, double cpuBw) {
    int n = c.arch().numLayers();
    Map<String, Number> figures = new LinkedHashMap<>();
    figures.put("n_ctx", nCtx);
    figures.put("kv_cells", kv.cells(nCtx));
    figures.put("kv_size_bytes", full.kvBytes(0, n));
    figures.put("k_size_bytes", full.keyBytes());
    if (full.stateBytes() > 0) {
      figures.put("state_bytes", full.stateBytes());
    }
    figures.put("n_layer", n);
    figures.put("n_gpu_layers", Math.max(ngl, 0));
    figures.put("cpu_ram_bytes", cpuBytes);
    figures.put("largest_context_full_offload", full.largestContext(c.maxPositions()));
    figures.put("decode_tokens_per_second", full.decodeTokensPerSecond(Math.max(ngl, 0), cpuBw));
    return figures;
  }

  private static String largestTerm(Map<String, Long> terms) {
    return terms.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("weights_bytes");
  }

  private static String command(PlanContext c, int ngl, long nCtx, KvDtype k, KvDtype v, long seqs) {
    PlanSettings s = c.settings();
    String file = c.modelId().replaceAll(".*/", "") + "-" + c.shards().weightLabel() + ".gguf";
    StringBuilder sb = new StringBuilder("llama-server -m ").append(file).append(" -ngl ").append(ngl)
        .append(" -c ").append(nCtx);
    if (s.flashAttention()) {
      sb.append(" -fa on");
    }
    if (k != KvDtype.FP16) {
      sb.append(" -ctk ").append(ggmlName(k));
    }
    if (v != KvDtype.FP16) {
      sb.append(" -ctv ").append(ggmlName(v));
    }
    if (seqs > 1) {
      sb.append(" -np ").append(seqs);
    }
    if (s.mmprojBytes() > 0) {
      sb.append(" --mmproj mmproj.gguf");
    }
    if (s.draft() != null) {
      sb.append(" -md ").append(s.draft().name().replaceAll(".*/", "")).append(".gguf");
    }
    return sb.toString();
  }

  static String ggmlName(KvDtype t) {
    return switch (t) {
      case FP16 -> "f16";
      case FP32 -> "f32";
      case BF16 -> "bf16";
      default -> t.label();
    };
  }
}
