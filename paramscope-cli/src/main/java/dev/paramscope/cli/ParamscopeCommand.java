package dev.paramscope.cli;

import dev.paramscope.query.SeedQuery;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level command. Without a subcommand it prints the seed comparison. */
@Command(name = "paramscope", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {
      "Makes the parameter scale of large language models concrete: exact counts from config.json,",
      "storage at every precision, sourced estimates for closed models.",
      "Without a command: the seed comparison (GPT-4o, GPT-4o-mini, Claude 3.5 Sonnet and open models)."
    },
    subcommands = {CountCommand.class, SizeCommand.class, CatalogCommand.class, CompareCommand.class,
        InspectCommand.class, MemoryCommand.class, SpeedCommand.class, FitCommand.class, TrainCommand.class,
        FlopsCommand.class, ScaleCommand.class, HardwareCommand.class, ServeCommand.class},
    footerHeading = "%nExamples:%n",
    footer = {
      "  paramscope",
      "  paramscope count llama-3.1-8b",
      "  paramscope size deepseek-v3 --units gib",
      "  paramscope compare gpt-4o gpt-4o-mini claude-3.5-sonnet --lang zh"
    })
final class ParamscopeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    output.print(spec.commandLine().getOut(), SeedQuery.report());
    return 0;
  }
}
