package dev.paramscope.plan;

import dev.paramscope.memory.InferenceRuntime;
import dev.paramscope.memory.MemoryEstimate;
import dev.paramscope.memory.MemoryEstimator;
import dev.paramscope.memory.WeightDtype;
import dev.paramscope.plan.EnginePlan.Assumption;
import dev.paramscope.plan.EnginePlan.Hint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hugging Face transformers with {@code device_map="auto"} (accelerate {@code infer_auto_device_map}):
 * whole layers spread over the GPUs, one sequence generated with a dynamic cache. Weights, the KV
 * cache and the activation peak come from {@link MemoryEstimator} with
 * {@link InferenceRuntime#TRANSFORMERS} (every position's logits in FP32); no pool is preallocated, so
 * the fit is the sum against each GPU's memory.
 */
final class TransformersPolicy {
  static final long DEFAULT_CONTEXT = 4096;

  private TransformersPolicy() {}

  static EnginePlan plan(PlanContext c, WeightDtype weights) {
    PlanSettings s = c.settings();
    List<Assumption> assumed = new ArrayList<>();
    long context = c.assume(assumed, "context", s.context(), DEFAULT_CONTEXT, "paramscope assumption: one sequence");
    long overhead = c.assumeBytes(assumed, "overhead", s.nonTorchBytes(), InferenceRuntime.TRANSFORMERS.overheadBytes(),
        "dev.paramscope.memory.InferenceRuntime.TRANSFORMERS");
    MemoryEstimator estimator = new MemoryEstimator(c.arch(), c.count());
    MemoryEstimate e = estimator.estimate(context, 1, weights, c.kvDtype(), InferenceRuntime.TRANSFORMERS, overhead);
    int count = s.gpuCount();
    Map<String, Long> terms = new LinkedHashMap<>();
    terms.put("weights_bytes", ceilDiv(e.weightsBytes(), count));
    terms.put("kv_cache_bytes", ceilDiv(e.kvCacheBytes(), count));
    terms.put("activation_peak_bytes", e.activationBytes());
    terms.put("overhead_bytes", e.overheadBytes());
    long capacity = c.totalBytes(assumed);
    long used = terms.values().stream().mapToLong(Long::longValue).sum();
    Map<String, Number> figures = new LinkedHashMap<>();
    figures.put("context", context);
    figures.put("gpus", count);
    figures.put("free_bytes", capacity - used);
    List<Hint> hints = new ArrayList<>();
    if (used > capacity) {
      hints.add(new Hint("hint.plan.more_gpus", List.of()));
    }
    String binding = terms.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    String command = "AutoModelForCausalLM.from_pretrained(\"" + c.modelId() + "\", device_map=\"auto\", torch_dtype=\""
        + ("fp32".equals(weights.label()) ? "float32" : "bfloat16") + "\")";
    return new EnginePlan(Engine.TRANSFORMERS, used <= capacity, binding, capacity, terms, figures, assumed, command,
        hints);
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }
}
