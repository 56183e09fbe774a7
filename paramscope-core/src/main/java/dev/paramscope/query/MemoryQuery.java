package dev.paramscope.query;

import dev.paramscope.hardware.Gpu;
import dev.paramscope.hardware.HardwareCatalog;
import dev.paramscope.memory.InferenceRuntime;
import dev.paramscope.memory.KvCache;
import dev.paramscope.memory.KvDtype;
import dev.paramscope.memory.MemoryEstimate;
import dev.paramscope.memory.MemoryEstimator;
import dev.paramscope.memory.WeightDtype;
import dev.paramscope.model.ModelArchitecture;
import dev.paramscope.plan.VllmMemory;
import dev.paramscope.report.Entry;
import dev.paramscope.report.Message;
import dev.paramscope.report.Report;
import dev.paramscope.report.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code paramscope memory}: inference memory and where it fits.
 *
 * <p>JSON keys: {@code model, context, batch, dtype, kv_dtype, runtime, weights_bytes,
 * kv_cache_bytes, kv_cache_bytes_per_token, state_bytes, activation_bytes, overhead_bytes, total_bytes,
 * layer_kinds: [{layer_kind, layers, kv_cache_bytes, state_bytes}], fits: [{gpu, count, fits,
 * free_bytes, min_gpus}]} (and {@code explain} with --explain). {@code state_bytes} is the constant
 * recurrent state of linear-attention and state-space layers; {@code layer_kinds} splits the KV
 * cache and the state by layer kind. {@code window_policy} names how the runtime sizes sliding-window
 * and chunked layers ({@link dev.paramscope.memory.SlidingWindowPolicy}).
 */
public final class MemoryQuery {
  private MemoryQuery() {}

  /** The inputs; null dtypes mean the model's own, a negative overhead the runtime's. */
  public record Options(long context, long batch, String dtype, String kvDtype, String gpu, String runtime,
      long overheadBytes, boolean explain) {}

  public static Report report(ResolvedModel model, Options o) {
    ModelArchitecture arch = Architectures.require(model);
    MemoryEstimator estimator = new MemoryEstimator(arch, model.count().orElseThrow());
    ShippedDtype shipped = ShippedDtype.of(model, arch, o.dtype());
    WeightDtype weights = shipped.weights();
    KvDtype kv = o.kvDtype() == null ? KvDtype.forModel(arch.torchDtype()) : KvDtype.parse(o.kvDtype());
    InferenceRuntime runtime = o.runtime() == null ? InferenceRuntime.VLLM : InferenceRuntime.parse(o.runtime());
    MemoryEstimate e = estimator.estimate(o.context(), o.batch(), weights, kv, runtime, o.overheadBytes());
    if (runtime == InferenceRuntime.VLLM) {
      e = new MemoryEstimate(e.weightsBytes(), e.kvCacheBytes(), e.kvCacheBytesPerToken(),
          VllmMemory.activationPeakBytes(arch, o.gpu() == null ? null : GpuSpec.parse(o.gpu()).gpu(), o.context()),
          e.overheadBytes(), e.stateBytes(), e.kvShares());
    }
    Report.Builder b = Report.builder(Message.of("title.memory", model.name()))
        .text("model", model.name())
        .field("context", new Value.Int(o.context()))
        .field("batch", new Value.Int(o.batch()))
        .text("dtype", weights.label());
    shipped.source(b);
    b.text("kv_dtype", kv.label())
        .text("runtime", runtime.label())
        .text("window_policy", runtime.windowPolicy().label())
        .bytes("weights_bytes", e.weightsBytes())
        .bytes("kv_cache_bytes", e.kvCacheBytes())
        .bytes("kv_cache_bytes_per_token", e.kvCacheBytesPerToken())
        .bytes("state_bytes", e.stateBytes())
        .bytes("activation_bytes", e.activationBytes())
        .bytes("overhead_bytes", e.overheadBytes())
        .bytes("total_bytes", e.totalBytes());
    b.entry(layerKinds(estimator.kvCache(), o, kv, runtime));
    b.entry(runtime == InferenceRuntime.VLLM ? vllmFits(arch, estimator, weights, kv, o) : fits(e, o.gpu(), runtime));
    kvSplitNote(b, e, o.gpu());
    shipped.note(b);
    b.note("note.memory.weights", weights.label(), String.format(java.util.Locale.ROOT, "%.3f",
        weights.bitsPerParam(arch, estimator.count())));
    b.note("note.memory.runtime", runtime.label(), dev.paramscope.units.Quantities.bytes(e.overheadBytes(),
        dev.paramscope.units.ByteUnit.GIB), Integer.toString((int) Math.round(runtime.reservedFraction() * 100)));
    b.note(runtime == InferenceRuntime.VLLM ? "note.memory.activations.vllm" : "note.memory.activations");
    if (estimator.kvCache().slidingLayers() > 0 || estimator.kvCache().layers(dev.paramscope.model.LayerKind.CHUNKED_ATTENTION) > 0) {
      b.note("note.memory.window_policy." + runtime.windowPolicy().name().toLowerCase(java.util.Locale.ROOT), runtime.label());
    }
    if (arch.maxPositionEmbeddings() > 0 && o.context() > arch.maxPositionEmbeddings()) {
      b.note("note.memory.context_beyond_max", Long.toString(o.context()),
          Integer.toString(arch.maxPositionEmbeddings()));
    }
    Explain x = new Explain(o.explain());
    x.add("weights_bytes", new Value.Bytes(e.weightsBytes()), weights.fromCheckpoint()
        ? "Σ tensor bytes in the checkpoint's headers (read header-only)" : "parameters × bytes per parameter of " + weights.label()
            + (weights.mixed() ? " (per tensor as llama.cpp's quantizer assigns them: output, attn_v, attn_output,"
                + " ffn_down upgraded by layer)" : ""),
        "parameters = " + estimator.count().totalParams(), "llama.cpp llama-quant.cpp; ggml block sizes");
    x.add("kv_cache_bytes", new Value.Bytes(e.kvCacheBytes()),
        "Σ_layers cells held × values per token × bytes(kv_dtype); values = 2 × kv_heads × head_dim"
            + " (MLA: kv_lora_rank + qk_rope_head_dim; + index_head_dim with DeepSeek Sparse Attention);"
            + " cells: batch × context for full layers; window and chunked layers as the runtime's policy ("
            + runtime.windowPolicy().label() + ")",
        "batch = " + o.batch() + ", context = " + o.context() + ", sliding layers = "
            + estimator.kvCache().slidingLayers() + ", kv_dtype = " + kv.label(),
        "Ainslie et al. 2023 (GQA); DeepSeek-AI 2024, DeepSeek-V2 §2.1 (MLA)");
    x.add("state_bytes", new Value.Bytes(e.stateBytes()),
        "batch × Σ_recurrent layers (state + conv state) × " + KvCache.stateBytesPerValue(kv) + " bytes"
            + " (an SSM state the config keeps in float32: 4 bytes);"
            + " Gated DeltaNet state = value heads × d_k × d_v, conv state = (2K + V) × (kernel − 1)",
        "batch = " + o.batch() + ", linear-attention layers = "
            + estimator.kvCache().layers(dev.paramscope.model.LayerKind.LINEAR_ATTENTION),
        "Yang et al. 2024, Gated DeltaNet (arXiv:2412.06464); vLLM mamba_ssm_cache_dtype auto (model dtype)");
    x.add("activation_bytes", new Value.Bytes(e.activationBytes()), runtime == InferenceRuntime.VLLM
        ? "vLLM's profiled peak (plan package): max(8192 × (3i + 3h) × 2, 256 × vocab × 4)"
        : "tokens per pass × (4h + 2i) × 2 + logit positions × vocab × 4",
        "h = " + arch.hiddenSize() + ", per-token bytes = " + estimator.activationBytesPerToken() + ", vocab = "
            + arch.vocabSize() + ", runtime = " + runtime.label(), "paramscope assumption (stated), FP32 logits as transformers computes them");
    x.add("overhead_bytes", new Value.Bytes(e.overheadBytes()), "runtime constant (override with --overhead)",
        "runtime = " + runtime.label(), "paramscope assumption (stated)");
    x.addTo(b);
    return b.build();
  }

  /** Says how much KV cache each GPU holds when tensor parallelism cannot split all of it. */
  private static void kvSplitNote(Report.Builder b, MemoryEstimate e, String gpuSpec) {
    if (gpuSpec == null) {
      return;
    }
    int count = GpuSpec.parse(gpuSpec).count();
    long even = e.kvCacheBytes() / count + (e.kvCacheBytes() % count == 0 ? 0 : 1);
    if (count > 1 && e.kvCacheBytesPerGpu(count) > even) {
      b.note("note.memory.kv_per_gpu", Integer.toString(count), dev.paramscope.units.Quantities.bytes(
          e.kvCacheBytesPerGpu(count), dev.paramscope.units.ByteUnit.GB));
    }
  }

  private static Entry.Table layerKinds(KvCache cache, Options o, KvDtype kv, InferenceRuntime runtime) {
    List<List<Value>> rows = new ArrayList<>();
    for (KvCache.KindShare k : cache.byKind(o.context(), o.batch(), kv, runtime.windowPolicy())) {
      rows.add(List.of(new Value.Term(k.kind().jsonKey()), new Value.Int(k.layers()), new Value.Bytes(k.kvCacheBytes()),
          new Value.Bytes(k.stateBytes())));
    }
    return new Entry.Table("layer_kinds", List.of("layer_kind", "layers", "kv_cache_bytes", "state_bytes"), rows);
  }

  private static Entry.Table fits(MemoryEstimate e, String gpuSpec, InferenceRuntime runtime) {
    List<List<Value>> rows = new ArrayList<>();
    if (gpuSpec != null) {
      GpuSpec spec = GpuSpec.parse(gpuSpec);
      rows.add(fitRow(e, spec.gpu(), spec.count(), runtime));
    } else {
      for (Gpu gpu : HardwareCatalog.builtIn().all()) {
        rows.add(fitRow(e, gpu, 1, runtime));
      }
    }
    return new Entry.Table("fits", List.of("gpu", "count", "fits", "free_bytes", "min_gpus"), rows);
  }

  /**
   * The fit as vLLM decides it ({@link VllmMemory}, the {@code plan} package's arithmetic): with
   * {@code --max-model-len context} on {@code count} GPUs in tensor parallel, whether {@code batch}
   * requests fit the pool; {@code min_gpus} the smallest power-of-two TP that holds them.
   */
  private static Entry.Table vllmFits(ModelArchitecture arch, MemoryEstimator estimator, WeightDtype weights,
      KvDtype kv, Options o) {
    List<List<Value>> rows = new ArrayList<>();
    if (o.gpu() != null) {
      GpuSpec spec = GpuSpec.parse(o.gpu());
      rows.add(vllmRow(arch, estimator, weights, kv, o, spec.gpu(), spec.count()));
    } else {
      for (Gpu gpu : HardwareCatalog.builtIn().all()) {
        rows.add(vllmRow(arch, estimator, weights, kv, o, gpu, 1));
      }
    }
    return new Entry.Table("fits", List.of("gpu", "count", "fits", "free_bytes", "min_gpus"), rows);
  }

  private static List<Value> vllmRow(ModelArchitecture arch, MemoryEstimator estimator, WeightDtype weights,
      KvDtype kv, Options o, Gpu gpu, int count) {
    VllmMemory.Fit fit = vllmFit(arch, estimator, weights, kv, o, gpu, count);
    int min = 0;
    for (int n = 1; n <= 64 && min == 0; n *= 2) {
      VllmMemory.Fit f = vllmFit(arch, estimator, weights, kv, o, gpu, n);
      min = f != null && f.fits() ? n : 0;
    }
    return List.of(new Value.Text(gpu.id()), new Value.Int(count), new Value.Flag(fit != null && fit.fits()),
        fit == null ? new Value.Missing() : new Value.Bytes(fit.freeBytes()),
        min == 0 ? new Value.Missing() : new Value.Int(min));
  }

  /** The vLLM fit on {@code tp} GPUs, or null when TP does not suit the model's heads. */
  private static VllmMemory.Fit vllmFit(ModelArchitecture arch, MemoryEstimator estimator, WeightDtype weights,
      KvDtype kv, Options o, Gpu gpu, int tp) {
    try {
      return VllmMemory.fit(arch, estimator.count(), weights, kv, gpu, tp, o.context(), o.batch());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static List<Value> fitRow(MemoryEstimate e, Gpu gpu, int count, InferenceRuntime runtime) {
    long free = MemoryEstimator.availableBytes(gpu, runtime) - e.perGpuBytes(count);
    int min = MemoryEstimator.smallestGpuCount(e, gpu, runtime);
    return List.of(new Value.Text(gpu.id()), new Value.Int(count), new Value.Flag(free >= 0), new Value.Bytes(free),
        min == 0 ? new Value.Missing() : new Value.Int(min));
  }
}
