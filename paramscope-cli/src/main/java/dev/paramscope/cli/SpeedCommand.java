package dev.paramscope.cli;

import dev.paramscope.query.ModelSource;
import dev.paramscope.query.SpeedQuery;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "speed", mixinStandardHelpOptions = true,
    description = "Roofline speed: prefill time, decode tokens/s per sequence and in aggregate, the bound, the crossover batch.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  paramscope speed llama-3.1-8b --gpu h100 --context 8192 --batch 16",
      "  paramscope speed mixtral-8x7b --gpu a100-80gb-sxm x2 --dtype fp8 --explain"
    })
final class SpeedCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin OutputOptions output;
  @Mixin ModelOptions model;
  @Mixin WorkloadOptions workload;

  @Parameters(paramLabel = "SOURCE", description = "A config.json, a directory holding one, a catalog id, a cached repo (org/name[@rev]) or hf://org/name (its config.json only); a local .gguf or .safetensors checkpoint gives its own weight bytes (header-only).")
  String source;

  @Option(names = "--gpu", paramLabel = "ID[xN]", parameterConsumer = GpuArgument.class, required = true, description = "A GPU from 'paramscope hardware', optionally times N.")
  String gpu;





  @Option(names = "--efficiency", paramLabel = "F", defaultValue = "0.5",
      description = "Achieved share of the compute peak (default: ${DEFAULT-VALUE}).")
  double efficiency;

  @Option(names = "--bandwidth-efficiency", paramLabel = "F",
      description = "Achieved share of the memory bandwidth (default: the GPU's decode profile, see the notes).")
  Double bandwidthEfficiency;

  @Option(names = "--token-overhead-ms", paramLabel = "MS",
      description = "Fixed cost of each decode step in milliseconds: launches, sync, sampling (default: the GPU's decode profile).")
  Double tokenOverheadMs;

  @Option(names = "--hop-latency-us", paramLabel = "US",
      description = "Several GPUs: latency of each ring all-reduce hop in microseconds (default: 2, see the notes).")
  Double hopLatencyUs;

  @Option(names = "--explain", description = "Print each number's formula, inputs and source.")
  boolean explain;

  @Override
  public Integer call() {
    workload.check();
    output.print(spec.commandLine().getOut(), SpeedQuery.report(ModelSource.resolve(source, model.assumeFamily),
        new SpeedQuery.Options(gpu, workload.context, workload.batch, workload.dtype, workload.kvDtype, efficiency, bandwidthEfficiency, tokenOverheadMs, explain, hopLatencyUs)));
    return 0;
  }
}
