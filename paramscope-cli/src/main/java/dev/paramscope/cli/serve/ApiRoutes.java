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
  static final Set<String> FLAGS = Set.of("explain", "tensors", "ep", "flash-attn");

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
      Map.entry("hardware", List.of("filter")),
      // plan's --draft names a second model (a file, perhaps): not offered, like every file option.
      Map.entry("plan", List.of("engine", "gpu", "gpu-memory", "tp", "pp", "ep", "dtype", "kv-dtype", "context",
          "gpu-memory-utilization", "max-num-batched-tokens", "max-num-seqs", "non-torch", "cuda-graphs", "block-size",
          "n-gpu-layers", "flash-attn", "ubatch-size", "parallel", "mmproj", "cpu-ram", "cpu-bandwidth", "reserve",
          "compute-buffer", "assume")),
      // forensics' --logits reads a file: not offered.
      Map.entry("forensics", List.of("tokens-per-second", "gpu", "gpus", "dtype", "bandwidth-efficiency",
          "speculative-speedup", "price-per-mtok", "gpu-hour-price", "utilisation", "margin")));

  /** Commands whose SOURCE is required ({@code fit} and {@code forensics} take one optionally; compare takes several). */
  static final Set<String> NEEDS_SOURCE = Set.of("count", "size", "compare", "inspect", "memory", "speed", "train", "flops",
      "plan");

  /** Commands that take no SOURCE at all. */
  static final Set<String> NO_SOURCE = Set.of("catalog", "scale", "hardware");
}
