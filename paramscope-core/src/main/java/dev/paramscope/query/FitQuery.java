package dev.paramscope.query;

import dev.paramscope.catalog.Catalog;
import dev.paramscope.catalog.CatalogEntry;
import dev.paramscope.memory.InferenceRuntime;
import dev.paramscope.memory.KvDtype;
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
 * {@code paramscope fit}: inverse questions. With a model: the largest context, the largest batch
 * and the most precise weights that fit the GPUs. Without: which catalog models fit, and at what
 * precision. JSON: {@code gpu, gpus, runtime}, then {@code max_context, max_batch, best_dtype} or
 * {@code models: [{model, total_params, best_dtype, total_bytes, max_context}]}.
 */
public final class FitQuery {
  private FitQuery() {}

  /**
   * From most to least precise: the first that fits is the answer. The 2-bit end: Q2_K (2.625 bits
   * per weight) and IQ2_XXS (2.0625, llama.cpp ggml-common.h block_iq2_xxs, made with an importance matrix).
   */
  static final List<String> LADDER = List.of("bf16", "fp8", "Q8_0", "Q6_K", "Q5_K_M", "Q4_K_M", "Q3_K_M", "Q2_K", "iq2_xxs");
  static final long MAX_CONTEXT = 1L << 24;
  static final long MAX_BATCH = 1L << 20;

  public record Options(String gpu, long context, long batch, String dtype, String kvDtype, String runtime) {}

  public static Report report(ResolvedModel model, Options o) {
    GpuSpec spec = GpuSpec.parse(o.gpu());
    InferenceRuntime runtime = o.runtime() == null ? InferenceRuntime.VLLM : InferenceRuntime.parse(o.runtime());
    Report.Builder b = Report.builder(Message.of("title.fit", spec.label()))
        .text("gpu", spec.gpu().id())
        .field("gpus", new Value.Int(spec.count()))
        .text("runtime", runtime.label())
        .field("context", new Value.Int(o.context()))
        .field("batch", new Value.Int(o.batch()));
    if (model != null) {
      ModelArchitecture arch = Architectures.require(model);
      MemoryEstimator m = new MemoryEstimator(arch, model.count().orElseThrow());
      ShippedDtype shipped = ShippedDtype.of(model, arch, o.dtype());
      WeightDtype dtype = shipped.weights();
      KvDtype kv = o.kvDtype() == null ? KvDtype.forModel(arch.torchDtype()) : KvDtype.parse(o.kvDtype());
      b.text("model", model.name()).text("dtype", dtype.label());
      shipped.source(b);
      b.field("max_context", orMissing(largest(v -> fits(m, v, o.batch(), dtype, kv, runtime, spec), contextLimit(arch))))
          .field("max_batch", orMissing(largest(v -> fits(m, o.context(), v, dtype, kv, runtime, spec), MAX_BATCH)))
          .text("best_dtype", bestDtype(m, o.context(), o.batch(), kv, runtime, spec));
      shipped.note(b);
    } else {
      List<List<Value>> rows = new ArrayList<>();
      for (CatalogEntry entry : Catalog.builtIn().entries()) {
        if (entry.config().isEmpty()) {
          continue;
        }
        ResolvedModel r = ModelSource.fromCatalog(entry, null);
        ModelArchitecture arch = r.architecture().orElseThrow();
        MemoryEstimator m = new MemoryEstimator(arch, r.count().orElseThrow());
        KvDtype kv = o.kvDtype() == null ? KvDtype.forModel(arch.torchDtype()) : KvDtype.parse(o.kvDtype());
        String best = bestDtype(m, o.context(), o.batch(), kv, runtime, spec);
        if (best == null) {
          continue;
        }
        long total = m.estimate(o.context(), o.batch(), WeightDtype.parse(best), kv, runtime, -1).totalBytes();
        WeightDtype bestDtype = WeightDtype.parse(best);
        rows.add(List.of(new Value.Text(entry.id()), new Value.Count(r.totalParams()), new Value.Text(best),
            new Value.Bytes(total),
            orMissing(largest(v -> fits(m, v, o.batch(), bestDtype, kv, runtime, spec), contextLimit(arch)))));
      }
      b.entry(new Entry.Table("models", List.of("model", "total_params", "best_dtype", "total_bytes", "max_context"), rows));
    }
    return b.note("note.fit.method").build();
  }

  /** The model's declared context ({@code max_position_embeddings}), else 2^24 tokens. */
  static long contextLimit(ModelArchitecture arch) {
    return arch.maxPositionEmbeddings() > 0 ? arch.maxPositionEmbeddings() : MAX_CONTEXT;
  }

  static boolean fits(MemoryEstimator m, long context, long batch, WeightDtype dtype, KvDtype kv,
      InferenceRuntime runtime, GpuSpec spec) {
    return m.estimate(context, batch, dtype, kv, runtime, -1).perGpuBytes(spec.count())
        <= MemoryEstimator.availableBytes(spec.gpu(), runtime);
  }

  static String bestDtype(MemoryEstimator m, long context, long batch, KvDtype kv, InferenceRuntime runtime, GpuSpec spec) {
    for (String d : LADDER) {
      if (fits(m, context, batch, WeightDtype.parse(d), kv, runtime, spec)) {
        return d;
      }
    }
    return null;
  }

  /** The largest v in [1, max] with fits(v) (fits is monotone: more tokens never need less memory), or 0. */
  static long largest(java.util.function.LongPredicate fits, long max) {
    if (!fits.test(1)) {
      return 0;
    }
    long lo = 1;
    long hi = max;
    while (lo < hi) {
      long mid = lo + (hi - lo + 1) / 2;
      if (fits.test(mid)) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  private static Value orMissing(long v) {
    return v == 0 ? new Value.Missing() : new Value.Int(v);
  }
}
