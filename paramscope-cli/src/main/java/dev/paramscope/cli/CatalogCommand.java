package dev.paramscope.cli;

import dev.paramscope.query.CatalogQuery;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "catalog", mixinStandardHelpOptions = true,
    description = "The built-in models: parameters, status of the figure (exact, official, estimate, rumour), source.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  paramscope catalog",
      "  paramscope catalog --filter qwen",
      "  paramscope catalog --format csv > models.csv"
    })
final class CatalogCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin OutputOptions output;

  @Option(names = "--filter", paramLabel = "TEXT", description = "Only models whose id, name or organisation contains TEXT.")
  String filter;

  @Override
  public Integer call() {
    output.print(spec.commandLine().getOut(), CatalogQuery.report(filter));
    return 0;
  }
}
