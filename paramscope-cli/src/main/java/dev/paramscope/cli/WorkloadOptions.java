package dev.paramscope.cli;

import picocli.CommandLine.Option;

/** What runs on the model: context, batch, weights dtype and KV-cache dtype (memory, speed, fit). */
final class WorkloadOptions {
  @Option(names = "--context", paramLabel = "N", converter = Converters.Count.class, defaultValue = "4096",
      description = "Tokens per sequence (default: ${DEFAULT-VALUE}).")
  long context;

  @Option(names = "--batch", paramLabel = "N", converter = Converters.Count.class, defaultValue = "1",
      description = "Concurrent sequences (default: ${DEFAULT-VALUE}).")
  long batch;

  @Option(names = "--dtype", paramLabel = "DTYPE",
      description = "Weights: fp32, bf16, fp16, fp8, int8, int4, a GGUF type (q8_0, q4_k, ...) or Q4_K_M/Q5_K_M (default: the model's).")
  String dtype;

  @Option(names = "--kv-dtype", paramLabel = "DTYPE", description = "KV cache: fp32, fp16, bf16, fp8, q8_0, q4_0 (default: the model's).")
  String kvDtype;

  void check() {
    Checks.positive("--context", context);
    Checks.positive("--batch", batch);
  }
}
