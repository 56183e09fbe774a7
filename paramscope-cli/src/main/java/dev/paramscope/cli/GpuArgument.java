package dev.paramscope.cli;

import java.util.Stack;
import java.util.regex.Pattern;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Reads {@code --gpu}'s value and, when the next argument is a count such as {@code x8} or
 * {@code ×8}, that too, so {@code --gpu h100 x8} means what {@code --gpu "h100 x8"} does.
 */
final class GpuArgument implements IParameterConsumer {
  private static final Pattern COUNT = Pattern.compile("[x×*]\\d{1,9}", Pattern.CASE_INSENSITIVE);

  @Override
  public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec commandSpec) {
    if (args.isEmpty()) {
      throw new picocli.CommandLine.ParameterException(commandSpec.commandLine(),
          "Missing required parameter for option '--gpu' (ID[xN])");
    }
    String value = args.pop();
    if (!args.isEmpty() && COUNT.matcher(args.peek()).matches()) {
      value = value + " " + args.pop();
    }
    argSpec.setValue(value);
  }
}
