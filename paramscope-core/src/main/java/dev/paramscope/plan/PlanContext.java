package dev.paramscope.plan;

import dev.paramscope.count.ParameterCount;
import dev.paramscope.hardware.Gpu;
import dev.paramscope.memory.KvDtype;
import dev.paramscope.model.ModelArchitecture;
import dev.paramscope.plan.EnginePlan.Assumption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One plan's inputs resolved: the model cut into shards, the split, the KV dtype, and helpers that
 * record each default a policy falls back on.
 *
 * @param modelId the name engines are given ({@code vllm serve ID}); a Hugging Face repo id when known
 * @param arch the architecture
 * @param count its exact parameter count
 * @param shards the model cut per layer at the chosen weight dtype
 * @param parallelism the split
 * @param kvDtype the KV-cache dtype in effect
 * @param settings the user's settings
 */
record PlanContext(String modelId, ModelArchitecture arch, ParameterCount count, ModelShards shards,
    Parallelism parallelism, KvDtype kvDtype, PlanSettings settings) {

  /** Memory of one GPU as the engine sees it: {@code --gpu-memory}, else what CUDA reports ({@link Gpu#runtimeVisibleBytes}). */
  long totalBytes() {
    return settings.gpuMemoryBytes().orElse(settings.gpu().runtimeVisibleBytes());
  }

  /** {@link #totalBytes}, recorded as an assumption when it is the catalog's. */
  long totalBytes(List<Assumption> assumed) {
    if (settings.gpuMemoryBytes().isEmpty()) {
      assumed.add(new Assumption("gpu_memory", Long.toString(totalBytes()), "what CUDA shows of catalog " + settings.gpu().id()
          + " (Gpu.runtimeVisibleBytes; 79.2 GiB of an 80 GB H100)"));
    }
    return totalBytes();
  }

  /** The model's {@code max_position_embeddings}, or 0 when the config states none. */
  long maxPositions() {
    return arch.maxPositionEmbeddings();
  }

  long requestedContext(List<Assumption> assumed, String key, String source) {
    if (settings.context().isPresent()) {
      return settings.context().getAsLong();
    }
    long value = maxPositions() > 0 ? maxPositions() : 2048;
    assumed.add(new Assumption(key, Long.toString(value), source + " (the config's max_position_embeddings)"));
    return value;
  }

  long assume(List<Assumption> assumed, String key, OptionalLong given, long fallback, String source) {
    if (given.isPresent()) {
      return given.getAsLong();
    }
    assumed.add(new Assumption(key, Long.toString(fallback), source));
    return fallback;
  }

  long assumeBytes(List<Assumption> assumed, String key, OptionalLong given, long fallback, String source) {
    if (given.isPresent()) {
      return given.getAsLong();
    }
    assumed.add(new Assumption(key, VllmPolicy.gib(fallback), source));
    return fallback;
  }

  double assume(List<Assumption> assumed, String key, OptionalDouble given, double fallback, String source) {
    if (given.isPresent()) {
      return given.getAsDouble();
    }
    assumed.add(new Assumption(key, String.format(Locale.ROOT, "%.2f", fallback), source));
    return fallback;
  }

  /** The pipeline stage holding the most weight bytes (it gets the smallest KV pool). */
  Stage busiestStage() {
    int[] stages = parallelism.layersPerStage(arch.numLayers());
    Stage best = null;
    int first = 0;
    for (int s = 0; s < stages.length; s++) {
      long bytes = shards.rankWeightBytes(parallelism, first, stages[s], s == 0, s == stages.length - 1);
      if (best == null || bytes > best.weightBytes()) {
        best = new Stage(s, first, stages[s], bytes);
      }
      first += stages[s];
    }
    return best;
  }

  void parallelFigures(Map<String, Number> figures, Stage stage) {
    figures.put("tensor_parallel_size", parallelism.tp());
    figures.put("pipeline_parallel_size", parallelism.pp());
    var attention = Parallelism.kvAttention(arch);
    if (attention != null) {
      figures.put("kv_heads_per_rank", parallelism.kvHeadsPerRank(attention));
      figures.put("kv_head_replication", parallelism.kvReplication(attention));
    }
    figures.put("layers_per_rank", stage.layers());
    if (arch.isMixtureOfExperts()) {
      figures.put("experts_per_rank", expertsPerRank());
    }
  }

  private long expertsPerRank() {
    for (var layer : arch.layers()) {
      if (layer.feedForward() instanceof dev.paramscope.model.MixtureOfExperts moe) {
        return parallelism.expertParallel() ? moe.numExperts() / parallelism.tp() : moe.numExperts();
      }
    }
    return 0;
  }

  /**
   * A pipeline stage as one rank of it holds it.
   *
   * @param index stage number, 0 first
   * @param firstLayer its first decoder layer
   * @param layers how many layers it holds
   * @param weightBytes weight bytes on one of its TP ranks
   */
  record Stage(int index, int firstLayer, int layers, long weightBytes) {}
}
