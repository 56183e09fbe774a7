package dev.paramscope.cli;

import dev.paramscope.query.FlopsQuery;
import dev.paramscope.query.ModelSource;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "flops", mixinStandardHelpOptions = true,
    description = "Forward FLOPs per token by component, against 2N; training = 3× forward (4× with full recompute).",
    footerHeading = "%nExamples:%n",
    footer = {"  paramscope flops llama-3.1-8b --context 8192", "  paramscope flops deepseek-v3 --explain"})
final class FlopsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin OutputOptions output;
  @Mixin ModelOptions model;

  @Parameters(paramLabel = "SOURCE", description = "A config.json, a directory holding one, a catalog id, a cached repo (org/name[@rev]) or hf://org/name (its config.json only).")
  String source;

  @Option(names = "--context", paramLabel = "N", converter = Converters.Count.class, defaultValue = "4096",
      description = "Context length (default: ${DEFAULT-VALUE}).")
  long context;

  @Option(names = "--explain", description = "Print each number's formula, inputs and source.")
  boolean explain;

  @Override
  public Integer call() {
    Checks.positive("--context", context);
    output.print(spec.commandLine().getOut(), FlopsQuery.report(ModelSource.resolve(source, model.assumeFamily), context, explain));
    return 0;
  }
}
