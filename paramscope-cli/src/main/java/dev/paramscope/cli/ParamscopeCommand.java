package dev.paramscope.cli;

import dev.paramscope.query.SeedQuery;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level command. Without a subcommand it prints the seed comparison. */
@Command(name = "paramscope", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Makes the parameter scale of large language models concrete: exact counts from config.json, "
        + "storage at every precision, memory, compute and speed, sourced estimates for closed models. Without a "
        + "command: the seed comparison (GPT-4o, GPT-4o-mini, Claude 3.5 Sonnet and open models).",
    footerHeading = "%nExamples:%n",
    footer = {
      "  paramscope",
      "  paramscope count llama-3.1-8b",
      "  paramscope size deepseek-v3 --units gib",
      "  paramscope compare gpt-4o gpt-4o-mini claude-3.5-sonnet --lang zh"
    })
final class ParamscopeCommand implements Callable<Integer> {
  /**
   * The subcommands in help order. Registered by {@link Main} — only the one being run when the
   * first argument names it, so start-up does not build fifteen command models to run one.
   */
  static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

  private static Map<String, Supplier<Object>> subcommands() {
    Map<String, Supplier<Object>> m = new LinkedHashMap<>();
    m.put("count", CountCommand::new);
    m.put("size", SizeCommand::new);
    m.put("catalog", CatalogCommand::new);
    m.put("compare", CompareCommand::new);
    m.put("inspect", InspectCommand::new);
    m.put("memory", MemoryCommand::new);
    m.put("plan", PlanCommand::new);
    m.put("speed", SpeedCommand::new);
    m.put("fit", FitCommand::new);
    m.put("train", TrainCommand::new);
    m.put("flops", FlopsCommand::new);
    m.put("scale", ScaleCommand::new);
    m.put("hardware", HardwareCommand::new);
    m.put("forensics", ForensicsCommand::new);
    m.put("serve", ServeCommand::new);
    return Collections.unmodifiableMap(m);
  }

  @Spec CommandSpec spec;
  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    output.print(spec.commandLine().getOut(), SeedQuery.report());
    return 0;
  }
}
