package dev.paramscope.cli;

import dev.paramscope.query.CountQuery;
import dev.paramscope.query.InspectQuery;
import dev.paramscope.query.ModelSource;
import dev.paramscope.query.SeedQuery;
import dev.paramscope.query.SizeQuery;
import dev.paramscope.report.Messages;
import dev.paramscope.report.Report;
import dev.paramscope.report.ReportFormat;
import dev.paramscope.units.ByteUnit;
import dev.paramscope.units.Lang;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.HashSet;
import java.util.Set;

/**
 * The commonest invocations, run without building picocli's command model. Building that model
 * (annotation parsing, annotation proxies, built-in converter registration) took ~90 ms of a cold
 * {@code inspect}, more than the parse and rendering together (async-profiler, issue 6).
 *
 * <p>Handled here: no command (the seed comparison), {@code count SOURCE}, {@code size SOURCE},
 * {@code inspect SOURCE}, with the shared output options {@code --format}, {@code --lang},
 * {@code --units} (as {@code --opt value} or {@code --opt=value}), {@code --assume} for count and
 * size, {@code --tensors} for inspect. The fields are set on the same option objects picocli fills,
 * and the same command code runs, so the output is the same. Anything else — help, version,
 * {@code --verbose}, an unknown or repeated option, a value its converter rejects, {@code @file}
 * arguments, {@code --}, a missing or extra argument — is declined, and picocli runs as always
 * with its usage text and errors. {@code DirectRunTest} holds the two paths to the same output.
 */
final class DirectRun {
  private static final Set<String> COMMANDS = Set.of("count", "size", "inspect");

  private String command = "";
  private final OutputOptions output = new OutputOptions();
  private String source;
  private String assume;
  private boolean tensors;
  private final Set<String> seen = new HashSet<>();

  private DirectRun() {}

  /**
   * Runs {@code args} when they are one of the handled forms and returns the exit code; returns -1,
   * having written nothing, when picocli must run them.
   */
  static int tryRun(String[] args, PrintWriter out, PrintWriter err) {
    DirectRun run = new DirectRun();
    if (!run.parse(args)) {
      return -1;
    }
    if (run.output.format == ReportFormat.TABLE || run.output.format == ReportFormat.MARKDOWN) {
      preloadMessages(run.output.renderOptions().lang());
    }
    try {
      Report report = run.report(err);
      run.output.print(out, report);
      return 0;
    } catch (Exception e) {
      return ErrorHandler.report(e, err, false);
    }
  }

  /**
   * Loads the language's texts on a second thread while this one reads the input: locating and
   * parsing the bundle is ~10 ms of a cold run. {@link Messages#of} initialises a class holder,
   * so the renderer's own call waits for this one (or does the work, if it gets there first).
   */
  private static void preloadMessages(Lang lang) {
    Thread thread = new Thread(new Runnable() { // a class, not a lambda: no lambda linkage cold
      @Override
      public void run() {
        Messages.of(lang);
      }
    }, "paramscope-messages");
    thread.setDaemon(true);
    thread.start();
  }

  private Report report(PrintWriter err) throws IOException {
    switch (command) {
      case "count":
        return CountQuery.report(ModelSource.resolve(source, assume));
      case "size":
        return SizeCommand.report(source, assume, output);
      case "inspect":
        return InspectCommand.report(source, tensors, err);
      default:
        return SeedQuery.report();
    }
  }

  /** True when every argument is understood; false declines (nothing has run). */
  private boolean parse(String[] args) {
    int first = 0;
    if (args.length > 0 && !args[0].startsWith("-")) {
      if (!COMMANDS.contains(args[0])) {
        return false;
      }
      command = args[0];
      first = 1;
    }
    for (int i = first; i < args.length; i++) {
      String arg = args[i];
      if (arg.isEmpty() || arg.charAt(0) == '@') {
        return false; // picocli expands @argument-files
      }
      if (arg.charAt(0) != '-') {
        if (command.isEmpty() || source != null) {
          return false;
        }
        source = arg;
        continue;
      }
      int equals = arg.indexOf('=');
      String name = equals < 0 ? arg : arg.substring(0, equals);
      if (!seen.add(name)) {
        return false; // picocli rejects a single-value option given twice
      }
      if (name.equals("--tensors")) {
        if (!command.equals("inspect") || equals >= 0) {
          return false;
        }
        tensors = true;
        continue;
      }
      String value;
      if (equals >= 0) {
        value = arg.substring(equals + 1);
      } else if (i + 1 < args.length && !args[i + 1].startsWith("-") && !args[i + 1].startsWith("@")) {
        value = args[++i];
      } else {
        return false;
      }
      if (!option(name, value)) {
        return false;
      }
    }
    return command.isEmpty() || source != null;
  }

  private boolean option(String name, String value) {
    try {
      switch (name) {
        case "--format":
          output.format = ReportFormat.parse(value);
          return true;
        case "--lang":
          output.lang = Lang.parse(value);
          return true;
        case "--units":
          output.units = ByteUnit.parse(value);
          return true;
        case "--assume":
          assume = value;
          return command.equals("count") || command.equals("size");
        default:
          return false;
      }
    } catch (IllegalArgumentException e) {
      return false; // picocli reports the bad value with its usual wording
    }
  }
}
