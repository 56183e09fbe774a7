package dev.paramscope.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Entry point of the runnable jar: builds the command line, runs it, exits with its code. */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws java.io.IOException {
    if (Boolean.getBoolean("paramscope.cds.training")) {
      CdsTraining.run();
      return;
    }
    System.exit(run(args,
        new PrintWriter(new Utf8Writer(System.out), true),
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true)));
  }

  /**
   * Runs paramscope with the given streams and returns the exit code: 0 success, 1 internal
   * error, 2 bad input or usage. Tests call this directly.
   */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    int code = DirectRun.tryRun(args, out, err);
    if (code >= 0) {
      out.flush();
      err.flush();
      return code;
    }
    return runWithPicocli(args, out, err);
  }

  /** Runs through picocli's command model, whatever the arguments ({@link DirectRun} skips it). */
  static int runWithPicocli(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine commandLine = commandLine(args);
    commandLine.setOut(out);
    commandLine.setErr(err);
    int code = commandLine.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  static CommandLine commandLine(String[] args) {
    boolean verbose = java.util.Arrays.asList(args).contains("--verbose");
    CommandLine commandLine = new CommandLine(new ParamscopeCommand());
    String first = args.length > 0 ? args[0] : "";
    if (ParamscopeCommand.SUBCOMMANDS.containsKey(first)) {
      commandLine.addSubcommand(first, ParamscopeCommand.SUBCOMMANDS.get(first).get());
    } else {
      ParamscopeCommand.SUBCOMMANDS.forEach((name, command) -> commandLine.addSubcommand(name, command.get()));
    }
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setExecutionExceptionHandler(new ErrorHandler(verbose));
    commandLine.setParameterExceptionHandler(new UsageErrorHandler());
    return commandLine;
  }
}
