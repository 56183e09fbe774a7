package dev.paramscope.cli;

import dev.paramscope.query.CountQuery;
import dev.paramscope.query.ModelSource;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "count", mixinStandardHelpOptions = true,
    description = "Exact total and active parameters of a model, by component.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  paramscope count llama-3.1-8b",
      "  paramscope count path/to/config.json --format json",
      "  paramscope count ./Mixtral-8x7B-v0.1/ --lang zh",
      "  paramscope count my-config.json --assume llama"
    })
final class CountCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin OutputOptions output;
  @Mixin ModelOptions model;

  @Parameters(paramLabel = "SOURCE", description = "A config.json, a directory holding one, a catalog id, a cached repo (org/name[@rev]) or hf://org/name (its config.json only).")
  String source;

  @Override
  public Integer call() {
    output.print(spec.commandLine().getOut(), CountQuery.report(ModelSource.resolve(source, model.assumeFamily)));
    return 0;
  }
}
