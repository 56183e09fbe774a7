package dev.paramscope.query;

import dev.paramscope.BadInputException;
import dev.paramscope.catalog.Catalog;
import dev.paramscope.catalog.CatalogEntry;
import dev.paramscope.memory.KvDtype;
import dev.paramscope.memory.WeightDtype;
import dev.paramscope.model.ModelArchitecture;
import dev.paramscope.plan.Engine;
import dev.paramscope.plan.EnginePlan;
import dev.paramscope.plan.ModelShards;
import dev.paramscope.plan.PlanSettings;
import dev.paramscope.plan.Planner;
import dev.paramscope.plan.VllmEngine;
import dev.paramscope.report.Entry;
import dev.paramscope.report.Message;
import dev.paramscope.report.Report;
import dev.paramscope.report.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * {@code paramscope plan}: a launch as one engine would do it.
 *
 * <p>JSON keys: {@code model, engine, gpu, gpus, dtype, kv_dtype, fits, binding, capacity_bytes,
 * total_bytes}, the engine's figures ({@code gpu_kv_cache_tokens, max_concurrency, n_gpu_layers, ...}),
 * {@code memory: [{term, bytes}]}, {@code assumptions: [{setting, value, source}]} and {@code command}.
 */
public final class PlanQuery {
  private PlanQuery() {}

  /**
   * The inputs as the user gave them; null or empty means the engine's default.
   *
   * @param draft a model (config or catalog id) for llama.cpp's {@code -md}, or null
   */
  public record Options(String engine, String gpu, OptionalLong tp, OptionalLong pp, boolean expertParallel,
      String dtype, String kvDtype, String kvDtypeV, OptionalLong context, OptionalDouble memoryFraction,
      OptionalLong maxNumBatchedTokens, OptionalLong maxNumSeqs, OptionalLong nonTorchBytes,
      OptionalLong cudaGraphBytes, OptionalLong blockSize, OptionalLong ngl, boolean flashAttention,
      OptionalLong ubatch, OptionalLong parallel, long mmprojBytes, String draft, OptionalLong cpuRamBytes,
      OptionalDouble cpuBandwidthBytesPerSecond, OptionalLong reserveBytes, OptionalLong computeBufferBytes,
      OptionalLong gpuMemoryBytes, String vllmEngine, OptionalLong samplerBytesPerLogit) {}

  public static Report report(ResolvedModel model, Options o) {
    ModelArchitecture arch = Architectures.require(model);
    Engine engine = parse("--engine", () -> Engine.parse(o.engine()));
    GpuSpec spec = GpuSpec.parse(o.gpu());
    PlanSettings settings = settings(o, spec);
    EnginePlan plan = parse("--engine " + engine.label(),
        () -> Planner.plan(engine, modelId(model), arch, model.count().orElseThrow(), settings));
    Map<String, Value> fields = new java.util.LinkedHashMap<>();
    fields.put("model", Value.text(model.name()));
    fields.put("engine", Value.text(engine.label()));
    fields.put("gpu", Value.text(spec.gpu().id()));
    fields.put("gpus", new Value.Int(spec.count()));
    fields.put("dtype", Value.text(settings.weights() != null ? settings.weights().label()
        : engine == Engine.LLAMA_CPP ? WeightDtype.forLlamaCpp(arch).label() : WeightDtype.forCheckpoint(arch).label()));
    fields.put("fits", new Value.Flag(plan.fits()));
    fields.put("binding", new Value.Term(plan.bindingTerm()));
    fields.put("capacity_bytes", new Value.Bytes(plan.capacityBytes()));
    fields.put("total_bytes", new Value.Bytes(plan.totalBytes()));
    plan.figures().forEach((k, v) -> fields.put(k, value(k, v)));
    fields.put("command", Value.text(plan.commandLine()));
    Report.Builder b = Report.builder(Message.of("title.plan", model.name(), spec.label(), engine.label()));
    fields.forEach(b::field);
    List<List<Value>> terms = new ArrayList<>();
    plan.terms().forEach((k, v) -> terms.add(List.of(new Value.Term(k), new Value.Bytes(v))));
    b.entry(new Entry.Table("memory", List.of("term", "bytes"), terms));
    List<List<Value>> assumed = new ArrayList<>();
    for (EnginePlan.Assumption a : plan.assumptions()) {
      assumed.add(List.of(new Value.Text(a.key()), new Value.Text(a.value()), new Value.Text(a.source())));
    }
    b.entry(new Entry.Table("assumptions", List.of("setting", "value", "source"), assumed));
    plan.hints().forEach(h -> b.note(h.key(), h.args().toArray(String[]::new)));
    b.note("note.plan." + engine.name().toLowerCase(java.util.Locale.ROOT));
    b.note("note.plan.units");
    return b.build();
  }

  private static Value value(String key, Number n) {
    if (n instanceof Double d) {
      return new Value.Decimal(d, "%.2f");
    }
    return key.endsWith("_bytes") ? new Value.Bytes(n.longValue()) : new Value.Int(n.longValue());
  }

  /** The Hugging Face repo of a catalog, cached or hf:// model, else the config's name. */
  static String modelId(ResolvedModel model) {
    if (model.id() != null) {
      String repo = Catalog.builtIn().find(model.id()).map(CatalogEntry::hfRepo).orElse("");
      if (!repo.isEmpty()) {
        return repo;
      }
      return model.architecture().map(ModelArchitecture::name).orElse(model.name());
    }
    return model.name();
  }

  private static PlanSettings settings(Options o, GpuSpec spec) {
    WeightDtype weights = o.dtype() == null ? null : parse("--dtype", () -> WeightDtype.parse(o.dtype()));
    KvDtype kv = o.kvDtype() == null ? null : parse("--kv-dtype", () -> KvDtype.parse(o.kvDtype()));
    KvDtype kvV = o.kvDtypeV() == null ? null : parse("--kv-dtype-v", () -> KvDtype.parse(o.kvDtypeV()));
    PlanSettings.DraftModel draft = null;
    if (o.draft() != null) {
      ResolvedModel d = ModelSource.resolve(o.draft(), null);
      ModelArchitecture da = Architectures.require(d);
      WeightDtype dw = weights != null ? weights : WeightDtype.forLlamaCpp(da);
      draft = new PlanSettings.DraftModel(modelId(d), new ModelShards(da, d.count().orElseThrow(), dw));
    }
    final PlanSettings.DraftModel drafted = draft;
    VllmEngine vllm = o.vllmEngine() == null ? null : parse("--vllm-engine", () -> VllmEngine.parse(o.vllmEngine()));
    return parse("--gpu", () -> new PlanSettings(spec.gpu(), spec.count(), o.tp(), o.pp(), o.expertParallel(),
        weights, kv, kvV, o.context(), o.memoryFraction(), o.maxNumBatchedTokens(), o.maxNumSeqs(),
        o.nonTorchBytes(), o.cudaGraphBytes(), o.blockSize(), o.ngl(), o.flashAttention(), o.ubatch(),
        o.parallel(), o.mmprojBytes(), drafted, o.cpuRamBytes(), o.cpuBandwidthBytesPerSecond(), o.reserveBytes(),
        o.computeBufferBytes(), o.gpuMemoryBytes(), vllm, o.samplerBytesPerLogit()));
  }

  private static <T> T parse(String option, java.util.function.Supplier<T> parser) {
    try {
      return parser.get();
    } catch (BadInputException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new BadInputException(option, e.getMessage());
    } catch (ArithmeticException e) {
      throw new BadInputException(option, "the plan's byte counts overflow 64 bits; check the sizes given");
    }
  }
}
