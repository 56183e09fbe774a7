package dev.paramscope.cli;

import dev.paramscope.query.MemoryQuery;
import dev.paramscope.query.ModelSource;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "memory", mixinStandardHelpOptions = true,
    description = "Inference memory: weights, KV cache, activations, runtime overhead; the fit on GPUs.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  paramscope memory llama-3.1-8b --context 32768 --batch 8 --gpu h100",
      "  paramscope memory deepseek-v3 --dtype fp8 --gpu h200x8 --explain",
      "  paramscope memory gemma-2-9b --dtype Q4_K_M --kv-dtype q8_0 --runtime llama.cpp"
    })
final class MemoryCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin OutputOptions output;
  @Mixin ModelOptions model;

  @Parameters(paramLabel = "SOURCE", description = "A config.json, a directory holding one, or a catalog id.")
  String source;

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

  @Option(names = "--gpu", paramLabel = "ID[xN]", description = "A GPU from 'paramscope hardware', optionally times N (default: every GPU, one each).")
  String gpu;

  @Option(names = "--runtime", paramLabel = "NAME", defaultValue = "vllm",
      description = "vllm, llama.cpp or transformers: sets overhead and activation assumptions (default: ${DEFAULT-VALUE}).")
  String runtime;

  @Option(names = "--overhead", paramLabel = "BYTES", converter = Converters.ByteSize.class,
      description = "Runtime overhead per GPU, e.g. 2GiB (default: the runtime's).")
  Long overhead;

  @Option(names = "--explain", description = "Print each number's formula, inputs and source.")
  boolean explain;

  @Override
  public Integer call() {
    Checks.positive("--context", context);
    Checks.positive("--batch", batch);
    output.print(spec.commandLine().getOut(), MemoryQuery.report(ModelSource.resolve(source, model.assumeFamily),
        new MemoryQuery.Options(context, batch, dtype, kvDtype, gpu, runtime, overhead == null ? -1 : overhead, explain)));
    return 0;
  }
}
