package dev.paramscope.cli;

import dev.paramscope.query.HardwareQuery;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "hardware", mixinStandardHelpOptions = true,
    description = "The accelerator catalog: memory, bandwidth, dense peaks, price, sources.",
    footerHeading = "%nExamples:%n",
    footer = {"  paramscope hardware", "  paramscope hardware --filter nvidia --format csv"})
final class HardwareCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin OutputOptions output;

  @Option(names = "--filter", paramLabel = "TEXT", description = "Only accelerators whose id, name or vendor contains TEXT.")
  String filter;

  @Override
  public Integer call() {
    output.print(spec.commandLine().getOut(), HardwareQuery.report(filter));
    return 0;
  }
}
