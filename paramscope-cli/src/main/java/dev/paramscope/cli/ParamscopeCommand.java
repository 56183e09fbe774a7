package dev.paramscope.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level command. Without a subcommand it prints the seed comparison. */
@Command(name = "paramscope", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Makes the parameter scale of large language models concrete.")
final class ParamscopeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }
}
