package dev.paramscope.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Unknown flags and bad option values: the error and a hint at {@code --help} on stderr, exit 2.
 * A value a converter rejects reads "Invalid value for option '--format': ...".
 */
final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {
  @Override
  public int handleParseException(CommandLine.ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println("paramscope: " + ErrorHandler.oneLine(ex.getMessage()));
    CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
    err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
    err.flush();
    return ErrorHandler.BAD_INPUT;
  }
}
