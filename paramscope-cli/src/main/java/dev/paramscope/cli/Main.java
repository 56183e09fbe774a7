package dev.paramscope.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import picocli.CommandLine;

/** Entry point of the runnable jar: builds the command line, runs it, exits with its code. */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws java.io.IOException {
    if (Boolean.getBoolean("paramscope.cds.training")) {
      CdsTraining.run();
      return;
    }
    if (Arrays.stream(args).anyMatch(arg -> arg.startsWith("hf://"))) {
      // while picocli builds the command: the first request of a remote read needs TLS set up
      dev.paramscope.weights.hub.RemoteCheckpoint.prepareTls();
    }
    int code = run(args,
        new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
    endHttpSelectors();
    System.exit(code);
  }

  /**
   * Ends the selector threads of java.net.http clients before the process exits. Such a thread
   * waits in epoll, and the JVM waits up to 300 ms at exit for threads in native code
   * ({@code VM_Exit::wait_for_threads_in_native_to_block}); JDK 17's client cannot be closed, but
   * its selector loop stops when its thread is interrupted. Only here, where nothing runs after:
   * a remote inspect ended 0.3 s sooner.
   */
  static void endHttpSelectors() {
    ThreadGroup root = Thread.currentThread().getThreadGroup();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    Thread[] threads = new Thread[root.activeCount() + 16];
    int count = root.enumerate(threads, true);
    for (int i = 0; i < count; i++) {
      String name = threads[i].getName();
      if (name.startsWith("HttpClient-") && name.endsWith("-SelectorManager")) {
        threads[i].interrupt();
      }
    }
  }

  /**
   * Runs paramscope with the given streams and returns the exit code: 0 success, 1 internal
   * error, 2 bad input or usage. Tests and the web API call this directly.
   */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine commandLine = commandLine(args);
    commandLine.setOut(out);
    commandLine.setErr(err);
    int code = commandLine.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /**
   * Why {@code args} are not a valid command line (an unknown option, a value its converter
   * refuses, a missing argument), on one line; null when picocli parses them. Nothing runs.
   */
  public static String usageError(String[] args) {
    try {
      commandLine(args).parseArgs(args);
      return null;
    } catch (CommandLine.ParameterException e) {
      return ErrorHandler.oneLine(e.getMessage());
    }
  }

  /**
   * The command model for {@code args}: only the subcommand being run is built when the first
   * argument names one (help without a command lists them all). At-file expansion is off: an
   * argument such as {@code @/etc/passwd} is a value like any other, never a file to read.
   */
  static CommandLine commandLine(String[] args) {
    boolean verbose = Arrays.asList(args).contains("--verbose");
    CommandLine commandLine = new CommandLine(new ParamscopeCommand());
    commandLine.setExpandAtFiles(false);
    if (helpLang(args) == dev.paramscope.units.Lang.ZH) {
      // picocli reads <qualified command name>.usage.description from the bundle (help_zh.properties)
      commandLine.setResourceBundle(java.util.ResourceBundle.getBundle("dev.paramscope.cli.help",
          java.util.Locale.SIMPLIFIED_CHINESE));
    }
    String first = args.length > 0 ? args[0] : "";
    if (ParamscopeCommand.SUBCOMMANDS.containsKey(first)) {
      commandLine.addSubcommand(first, ParamscopeCommand.SUBCOMMANDS.get(first).get());
    } else {
      ParamscopeCommand.SUBCOMMANDS.forEach((name, command) -> commandLine.addSubcommand(name, command.get()));
    }
    // After the subcommands are added: picocli gives a converter to the commands present.
    commandLine.registerConverter(double.class, new Converters.Decimal());
    commandLine.registerConverter(Double.class, new Converters.Decimal());
    commandLine.registerConverter(int.class, new Converters.Int());
    commandLine.registerConverter(Integer.class, new Converters.Int());
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setExecutionExceptionHandler(new ErrorHandler(verbose));
    commandLine.setParameterExceptionHandler(new UsageErrorHandler());
    return commandLine;
  }

  /** The language of the help texts: {@code --lang} when given and valid, else the system locale's. */
  static dev.paramscope.units.Lang helpLang(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String value = args[i].startsWith("--lang=") ? args[i].substring(7)
          : args[i].equals("--lang") && i + 1 < args.length ? args[i + 1] : null;
      if (value != null) {
        try {
          return dev.paramscope.units.Lang.parse(value);
        } catch (IllegalArgumentException e) {
          return dev.paramscope.units.Lang.EN;
        }
      }
    }
    return dev.paramscope.units.Lang.fromDefaultLocale();
  }
}
