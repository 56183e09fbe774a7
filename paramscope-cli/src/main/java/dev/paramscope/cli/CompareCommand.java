package dev.paramscope.cli;

import dev.paramscope.query.CompareQuery;
import dev.paramscope.query.ModelSource;
import dev.paramscope.query.ResolvedModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "compare", mixinStandardHelpOptions = true,
    description = "Models side by side: parameters, active, storage at BF16 and INT4, ratio to the first.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  paramscope compare gpt-4o gpt-4o-mini claude-3.5-sonnet",
      "  paramscope compare llama-3.1-8b mixtral-8x7b deepseek-v3 --format markdown"
    })
final class CompareCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin OutputOptions output;
  @Mixin ModelOptions model;

  @Parameters(paramLabel = "SOURCE", arity = "1..*",
      description = "Config files, directories or catalog ids; the first is the reference for ratios.")
  List<String> sources;

  @Override
  public Integer call() {
    List<ResolvedModel> models = new ArrayList<>();
    for (String source : sources) {
      models.add(ModelSource.resolve(source, model.assumeFamily));
    }
    output.print(spec.commandLine().getOut(), CompareQuery.report(models));
    return 0;
  }
}
