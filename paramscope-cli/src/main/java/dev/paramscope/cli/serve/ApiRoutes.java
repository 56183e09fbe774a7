package dev.paramscope.cli.serve;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The commands the web API answers and the options each accepts, by the CLI's own option names
 * ({@code kv-dtype} for {@code --kv-dtype}). {@code source} is the positional SOURCE; flags take
 * {@code true}. Anything else is refused, so a query string can never reach an option that reads
 * or writes files.
 */
final class ApiRoutes {
  private ApiRoutes() {}

  /** Options that are flags: present when their value is {@code true}. */
  static final Set<String> FLAGS = Set.of("explain", "tensors");

  static final Map<String, List<String>> OPTIONS = Map.ofEntries(
      Map.entry("count", List.of("assume")),
      Map.entry("size", List.of("assume")),
      Map.entry("catalog", List.of("filter")),
      Map.entry("compare", List.of("assume")),
      Map.entry("inspect", List.of("tensors")),
      Map.entry("memory", List.of("context", "batch", "dtype", "kv-dtype", "gpu", "runtime", "overhead", "explain", "assume")),
      Map.entry("speed", List.of("gpu", "context", "batch", "dtype", "kv-dtype", "efficiency", "bandwidth-efficiency",
          "token-overhead-ms", "explain", "assume")),
      Map.entry("fit", List.of("gpu", "context", "batch", "dtype", "runtime", "assume")),
      Map.entry("train", List.of("tokens", "gpu", "mfu", "method", "lora-rank", "lora-targets", "zero", "optimizer",
          "recompute", "micro-batch", "seq", "price", "explain", "assume")),
      Map.entry("flops", List.of("context", "explain", "assume")),
      Map.entry("scale", List.of("compute", "params", "tokens", "fit")),
      Map.entry("hardware", List.of("filter")));

  /** Commands whose SOURCE is required ({@code fit} takes one optionally; compare takes several). */
  static final Set<String> NEEDS_SOURCE = Set.of("count", "size", "compare", "inspect", "memory", "speed", "train", "flops");

  /** Commands that take no SOURCE at all. */
  static final Set<String> NO_SOURCE = Set.of("catalog", "scale", "hardware");
}
