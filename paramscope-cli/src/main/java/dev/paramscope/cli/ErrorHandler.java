package dev.paramscope.cli;

import dev.paramscope.BadInputException;
import dev.paramscope.report.ControlCharacters;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Turns an exception from a command into one line on stderr and an exit code: 2 for bad input
 * (the message names the file, the field or the option, and the problem), 1 for anything else.
 * The stack trace is printed only with {@code --verbose}. Messages quote files and arguments, so
 * their control characters are escaped before they reach the terminal.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
  static final int BAD_INPUT = 2;
  static final int INTERNAL = 1;

  private final boolean verbose;

  ErrorHandler(boolean verbose) {
    this.verbose = verbose;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    if (ex instanceof ArithmeticException) {
      return report(new BadInputException(numbersGiven(parseResult), "too large: the result overflows a 64-bit count"),
          commandLine.getErr(), verbose);
    }
    return report(ex, commandLine.getErr(), verbose);
  }

  /**
   * The numeric options on the command line ({@code --context 9000T, --batch 9000T}): an overflow
   * in the arithmetic comes from one of them (a config's own values are bounded when read).
   */
  static String numbersGiven(CommandLine.ParseResult parseResult) {
    CommandLine.ParseResult command = parseResult;
    while (command.subcommand() != null) {
      command = command.subcommand();
    }
    List<String> given = command.matchedOptions().stream()
        .filter(o -> isNumber(o.type()))
        .map(o -> o.longestName() + " " + String.join(",", o.stringValues()))
        .toList();
    return given.isEmpty() ? "the numbers given" : String.join(", ", given);
  }

  private static boolean isNumber(Class<?> type) {
    return type == long.class || type == Long.class || type == int.class || type == Integer.class
        || type == double.class || type == Double.class;
  }

  /** Writes the one-line error (and the trace when verbose) and returns the exit code. */
  static int report(Exception ex, PrintWriter err, boolean verbose) {
    int code;
    if (ex instanceof BadInputException || ex instanceof IllegalArgumentException
        || ex instanceof java.io.IOException || ex instanceof java.io.UncheckedIOException) {
      err.println("paramscope: " + oneLine(ex.getMessage()));
      code = BAD_INPUT;
    } else {
      err.println("paramscope: internal error: " + oneLine(String.valueOf(ex)) + " (run with --verbose for details)");
      code = INTERNAL;
    }
    if (verbose) {
      ex.printStackTrace(err);
    }
    err.flush();
    return code;
  }

  /** The message on one line, its other control characters escaped. */
  static String oneLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    return printable(message.replace('\r', ' ').replace('\n', ' '));
  }

  /** Text with its control characters escaped ({@link ControlCharacters}). */
  static String printable(String text) {
    return ControlCharacters.escape(text);
  }
}
