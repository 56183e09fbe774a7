package dev.paramscope.cli;

import dev.paramscope.query.FitQuery;
import dev.paramscope.query.ModelSource;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "fit", mixinStandardHelpOptions = true,
    description = "What fits: the largest context, batch and precision for a model; or the catalog models a card holds.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  paramscope fit --gpu rtx-4090",
      "  paramscope fit llama-3.1-70b --gpu h100x2 --context 32768",
      "  paramscope fit qwen3-30b-a3b --gpu m4-max --runtime llama.cpp"
    })
final class FitCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin OutputOptions output;
  @Mixin ModelOptions model;
  @Mixin WorkloadOptions workload;

  @Parameters(paramLabel = "SOURCE", arity = "0..1", description = "A config.json, directory, catalog id, cached repo (org/name) or hf://org/name; omit for every catalog model.")
  String source;

  @Option(names = "--gpu", paramLabel = "ID[xN]", parameterConsumer = GpuArgument.class, required = true, description = "A GPU from 'paramscope hardware', optionally times N.")
  String gpu;




  @Option(names = "--runtime", paramLabel = "NAME", defaultValue = "vllm", description = "vllm, llama.cpp or transformers (also vllm-0.5, llama.cpp-swa-full, ik_llama.cpp) (default: ${DEFAULT-VALUE}).")
  String runtime;

  @Override
  public Integer call() {
    workload.check();
    output.print(spec.commandLine().getOut(), FitQuery.report(
        source == null ? null : ModelSource.resolve(source, model.assumeFamily),
        new FitQuery.Options(gpu, workload.context, workload.batch, workload.dtype, workload.kvDtype, runtime)));
    return 0;
  }
}
