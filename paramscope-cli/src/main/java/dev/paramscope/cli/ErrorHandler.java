package dev.paramscope.cli;

import dev.paramscope.BadInputException;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Turns an exception from a command into one line on stderr and an exit code: 2 for bad input
 * (the message names the file, the field and the problem), 1 for anything else. The stack trace
 * is printed only with {@code --verbose}.
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
    return report(ex, commandLine.getErr(), verbose);
  }

  /** Writes the one-line error (and the trace when verbose) and returns the exit code. */
  static int report(Exception ex, PrintWriter err, boolean verbose) {
    int code;
    if (ex instanceof BadInputException || ex instanceof IllegalArgumentException) {
      err.println("paramscope: " + oneLine(ex.getMessage()));
      code = BAD_INPUT;
    } else if (ex instanceof java.io.IOException || ex instanceof java.io.UncheckedIOException) {
      err.println("paramscope: " + oneLine(ex.getMessage()));
      code = BAD_INPUT;
    } else {
      err.println("paramscope: internal error: " + ex + " (run with --verbose for details)");
      code = INTERNAL;
    }
    if (verbose) {
      ex.printStackTrace(err);
    }
    err.flush();
    return code;
  }

  static String oneLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    return message.replace('\r', ' ').replace('\n', ' ');
  }
}
