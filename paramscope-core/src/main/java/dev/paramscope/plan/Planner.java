package dev.paramscope.plan;

import dev.paramscope.count.ParameterCount;
import dev.paramscope.memory.KvDtype;
import dev.paramscope.memory.WeightDtype;
import dev.paramscope.model.ModelArchitecture;

/**
 * Plans a launch: resolves the split and the dtypes, then hands over to the engine's policy
 * ({@link VllmPolicy}, {@link SglangPolicy}, {@link LlamaCppPolicy}, {@link TransformersPolicy}).
 */
public final class Planner {
  private Planner() {}

  /**
   * @param modelId the name to put in the command line (a Hugging Face repo id when known)
   * @throws IllegalArgumentException when the split does not suit the model or a dtype the engine lacks
   */
  public static EnginePlan plan(Engine engine, String modelId, ModelArchitecture arch, ParameterCount count,
      PlanSettings s) {
    WeightDtype weights = s.weights() != null ? s.weights()
        : engine == Engine.LLAMA_CPP ? WeightDtype.forLlamaCpp(arch) : WeightDtype.forCheckpoint(arch);
    KvDtype kv = s.kv() != null ? s.kv() : engine == Engine.LLAMA_CPP ? KvDtype.FP16 : KvDtype.forModel(arch.torchDtype());
    checkKv(engine, kv);
    if (s.kvV() != null) {
      checkKv(engine, s.kvV());
    }
    Parallelism par = parallelism(engine, s);
    par.check(arch);
    ModelShards shards = new ModelShards(arch, count, weights);
    PlanContext c = new PlanContext(modelId, arch, count, shards, par, kv, s);
    return switch (engine) {
      case VLLM -> VllmPolicy.plan(c);
      case SGLANG -> SglangPolicy.plan(c);
      case LLAMA_CPP -> LlamaCppPolicy.plan(c);
      case TRANSFORMERS -> TransformersPolicy.plan(c, weights);
    };
  }

  private static void checkKv(Engine engine, KvDtype kv) {
    boolean quantized = kv == KvDtype.Q8_0 || kv == KvDtype.Q4_0;
    if (engine == Engine.LLAMA_CPP && kv == KvDtype.FP8) {
      throw new IllegalArgumentException("llama.cpp has no fp8 KV cache (-ctk/-ctv take f16, bf16, f32, q8_0, q4_0)");
    }
    if (engine != Engine.LLAMA_CPP && quantized) {
      throw new IllegalArgumentException(engine.label() + " has no " + kv.label() + " KV cache (use fp8 or the model dtype)");
    }
  }

  /** TP defaults to every GPU for the serving engines (divided by PP); llama.cpp and transformers split layers. */
  private static Parallelism parallelism(Engine engine, PlanSettings s) {
    boolean layerSplit = engine == Engine.LLAMA_CPP || engine == Engine.TRANSFORMERS;
    int pp = (int) s.pp().orElse(1);
    int tp = (int) s.tp().orElse(layerSplit ? 1 : Math.max(1, s.gpuCount() / pp));
    if (!layerSplit && (long) tp * pp > s.gpuCount()) {
      throw new IllegalArgumentException("--tp " + tp + " × --pp " + pp + " needs " + (tp * pp) + " GPUs, --gpu gives "
          + s.gpuCount());
    }
    return new Parallelism(tp, pp, s.expertParallel());
  }
}
