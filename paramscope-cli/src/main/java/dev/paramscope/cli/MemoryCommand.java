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
  @Mixin WorkloadOptions workload;

  @Parameters(paramLabel = "SOURCE", description = "A config.json, a directory holding one, a catalog id, a cached repo (org/name[@rev]) or hf://org/name (its config.json only); a local .gguf or .safetensors checkpoint gives its own weight bytes (header-only).")
  String source;





  @Option(names = "--gpu", paramLabel = "ID[xN]", parameterConsumer = GpuArgument.class, description = "A GPU from 'paramscope hardware', optionally times N (default: every GPU, one each).")
  String gpu;

  @Option(names = "--runtime", paramLabel = "NAME", defaultValue = "vllm",
      description = "vllm, llama.cpp or transformers (also vllm-0.5, llama.cpp-swa-full, ik_llama.cpp): sets overhead, activation and sliding-window assumptions (default: ${DEFAULT-VALUE}).")
  String runtime;

  @Option(names = "--overhead", paramLabel = "BYTES", converter = Converters.ByteSize.class,
      description = "Runtime overhead per GPU, e.g. 2GiB (default: the runtime's).")
  Long overhead;

  @Option(names = "--explain", description = "Print each number's formula, inputs and source.")
  boolean explain;

  @Override
  public Integer call() {
    workload.check();
    output.print(spec.commandLine().getOut(), MemoryQuery.report(ModelSource.resolve(source, model.assumeFamily),
        new MemoryQuery.Options(workload.context, workload.batch, workload.dtype, workload.kvDtype, gpu, runtime, overhead == null ? -1 : overhead, explain)));
    return 0;
  }
}
