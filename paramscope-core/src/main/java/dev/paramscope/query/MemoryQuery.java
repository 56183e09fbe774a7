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
 * cache and the state by layer kind.
 */
public final class MemoryQuery {
  private MemoryQuery() {}

  /** The inputs; null dtypes mean the model's own, a negative overhead the runtime's. */
  public record Options(long context, long batch, String dtype, String kvDtype, String gpu, String runtime,
      long overheadBytes, boolean explain) {}

  public static Report report(ResolvedModel model, Options o) {
    ModelArchitecture arch = Architectures.require(model);
    MemoryEstimator estimator = new MemoryEstimator(arch, model.count().orElseThrow());
    WeightDtype weights = o.dtype() == null ? WeightDtype.forModel(arch.torchDtype()) : WeightDtype.parse(o.dtype());
    KvDtype kv = o.kvDtype() == null ? KvDtype.forModel(arch.torchDtype()) : KvDtype.parse(o.kvDtype());
    InferenceRuntime runtime = o.runtime() == null ? InferenceRuntime.VLLM : InferenceRuntime.parse(o.runtime());
    MemoryEstimate e = estimator.estimate(o.context(), o.batch(), weights, kv, runtime, o.overheadBytes());
    Report.Builder b = Report.builder(Message.of("title.memory", model.name()))
        .text("model", model.name())
        .field("context", new Value.Int(o.context()))
        .field("batch", new Value.Int(o.batch()))
        .text("dtype", weights.label())
        .text("kv_dtype", kv.label())
        .text("runtime", runtime.label())
        .bytes("weights_bytes", e.weightsBytes())
        .bytes("kv_cache_bytes", e.kvCacheBytes())
        .bytes("kv_cache_bytes_per_token", e.kvCacheBytesPerToken())
        .bytes("state_bytes", e.stateBytes())
        .bytes("activation_bytes", e.activationBytes())
        .bytes("overhead_bytes", e.overheadBytes())
        .bytes("total_bytes", e.totalBytes());
    b.entry(layerKinds(estimator.kvCache(), o, kv));
    b.entry(fits(e, o.gpu(), runtime));
    b.note("note.memory.weights", weights.label(), String.format(java.util.Locale.ROOT, "%.3f",
        weights.bitsPerParam(arch, estimator.count())));
    b.note("note.memory.runtime", runtime.label(), dev.paramscope.units.Quantities.bytes(e.overheadBytes(),
        dev.paramscope.units.ByteUnit.GIB), Integer.toString((int) Math.round(runtime.reservedFraction() * 100)));
    b.note("note.memory.activations");
    if (arch.maxPositionEmbeddings() > 0 && o.context() > arch.maxPositionEmbeddings()) {
      b.note("note.memory.context_beyond_max", Long.toString(o.context()),
          Integer.toString(arch.maxPositionEmbeddings()));
    }
    Explain x = new Explain(o.explain());
    x.add("weights_bytes", new Value.Bytes(e.weightsBytes()), "parameters × bytes per parameter of " + weights.label()
            + (weights.mixed() ? " (Q6_K for output, attn_v and ffn_down in use_more_bits layers)" : ""),
        "parameters = " + estimator.count().totalParams(), "llama.cpp llama-quant.cpp; ggml block sizes");
    x.add("kv_cache_bytes", new Value.Bytes(e.kvCacheBytes()),
        "batch × Σ_layers min(context, window) × values per token × bytes(kv_dtype); values = 2 × kv_heads × head_dim"
            + " (MLA: kv_lora_rank + qk_rope_head_dim; + index_head_dim with DeepSeek Sparse Attention);"
            + " chunked layers hold min(context, chunk)",
        "batch = " + o.batch() + ", context = " + o.context() + ", sliding layers = "
            + estimator.kvCache().slidingLayers() + ", kv_dtype = " + kv.label(),
        "Ainslie et al. 2023 (GQA); DeepSeek-AI 2024, DeepSeek-V2 §2.1 (MLA)");
    x.add("state_bytes", new Value.Bytes(e.stateBytes()),
        "batch × Σ_recurrent layers (state + conv state) × " + KvCache.stateBytesPerValue(kv) + " bytes;"
            + " Gated DeltaNet state = value heads × d_k × d_v, conv state = (2K + V) × (kernel − 1)",
        "batch = " + o.batch() + ", linear-attention layers = "
            + estimator.kvCache().layers(dev.paramscope.model.LayerKind.LINEAR_ATTENTION),
        "Yang et al. 2024, Gated DeltaNet (arXiv:2412.06464); vLLM mamba_ssm_cache_dtype auto (model dtype)");
    x.add("activation_bytes", new Value.Bytes(e.activationBytes()),
        "tokens per pass × (4h + 2i) × 2 + logit positions × vocab × 4",
        "h = " + arch.hiddenSize() + ", per-token bytes = " + estimator.activationBytesPerToken() + ", vocab = "
            + arch.vocabSize() + ", runtime = " + runtime.label(), "paramscope assumption (stated), FP32 logits as transformers computes them");
    x.add("overhead_bytes", new Value.Bytes(e.overheadBytes()), "runtime constant (override with --overhead)",
        "runtime = " + runtime.label(), "paramscope assumption (stated)");
    x.addTo(b);
    return b.build();
  }

  private static Entry.Table layerKinds(KvCache cache, Options o, KvDtype kv) {
    List<List<Value>> rows = new ArrayList<>();
    for (KvCache.KindShare k : cache.byKind(o.context(), o.batch(), kv)) {
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

  private static List<Value> fitRow(MemoryEstimate e, Gpu gpu, int count, InferenceRuntime runtime) {
    long free = MemoryEstimator.availableBytes(gpu, runtime) - e.perGpuBytes(count);
    int min = MemoryEstimator.smallestGpuCount(e, gpu, runtime);
    return List.of(new Value.Text(gpu.id()), new Value.Int(count), new Value.Flag(free >= 0), new Value.Bytes(free),
        min == 0 ? new Value.Missing() : new Value.Int(min));
  }
}
