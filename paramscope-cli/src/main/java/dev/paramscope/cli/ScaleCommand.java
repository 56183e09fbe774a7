package dev.paramscope.cli;

import dev.paramscope.query.ScaleQuery;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "scale", mixinStandardHelpOptions = true,
    description = "Chinchilla scaling laws: loss L(N, D), compute-optimal N and D for a budget, tokens per parameter.",
    footerHeading = "%nExamples:%n",
    footer = {"  paramscope scale --compute 5.76e23", "  paramscope scale --params 70B --tokens 1.4T --fit hoffmann"})
final class ScaleCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin OutputOptions output;

  @Option(names = "--compute", paramLabel = "FLOPS", defaultValue = "0", description = "A compute budget in FLOPs, e.g. 1e24.")
  double compute;

  @Option(names = "--params", paramLabel = "N", converter = Converters.Count.class, defaultValue = "0", description = "Parameters, e.g. 70B.")
  long params;

  @Option(names = "--tokens", paramLabel = "D", converter = Converters.Count.class, defaultValue = "0", description = "Training tokens, e.g. 1.4T.")
  long tokens;

  @Option(names = "--fit", paramLabel = "NAME", description = "hoffmann or besiroglu (default: both).")
  String fit;

  @Override
  public Integer call() {
    output.print(spec.commandLine().getOut(), ScaleQuery.report(compute, params, tokens, fit));
    return 0;
  }
}
