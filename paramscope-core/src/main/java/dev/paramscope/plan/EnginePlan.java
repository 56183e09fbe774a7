package dev.paramscope.plan;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one engine would do with the model on the GPUs.
 *
 * @param engine the engine mirrored
 * @param fits whether the engine starts with the settings given
 * @param bindingTerm the term that decides the fit: the largest consumer when it does not fit, else
 *     the one that limits the context (usually {@code kv_cache_bytes})
 * @param capacityBytes memory the engine may use on one GPU
 * @param terms bytes per GPU (the busiest one), in the order the engine takes them
 * @param figures the numbers the engine prints (tokens, blocks, concurrency, layers, speed), by key
 * @param assumptions every default used, with its value and the engine source it comes from
 * @param commandLine the command to run
 * @param hints message keys of flags that would make it fit (or fit more), with arguments
 */
public record EnginePlan(
    Engine engine, boolean fits, String bindingTerm, long capacityBytes, Map<String, Long> terms,
    Map<String, Number> figures, List<Assumption> assumptions, String commandLine, List<Hint> hints) {

  public EnginePlan {
    Objects.requireNonNull(engine, "engine");
    terms = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(terms));
    figures = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(figures));
    assumptions = List.copyOf(assumptions);
    hints = List.copyOf(hints);
  }

  /** Sum of the terms: the memory the busiest GPU holds. */
  public long totalBytes() {
    return terms.values().stream().mapToLong(Long::longValue).reduce(0L, Math::addExact);
  }

  /**
   * A default the plan used.
   *
   * @param key what it sets (the engine's own name where it has one)
   * @param value its value as text
   * @param source engine file and function, or "paramscope assumption"
   */
  public record Assumption(String key, String value, String source) {}

  /**
   * A flag that changes the answer, as a message key ({@code hint.plan.<name>}) and its arguments.
   *
   * @param key message key
   * @param args message arguments
   */
  public record Hint(String key, List<String> args) {
    public Hint {
      args = List.copyOf(args);
    }
  }
}
