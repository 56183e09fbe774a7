package dev.paramscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the CLI in-process: args in; exit code, stdout and stderr out. */
record CliRun(int exitCode, String out, String err) {
  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new CliRun(code, out.toString(), err.toString());
  }

  /** Runs {@code args} with {@code --format json}; a non-zero exit fails the test with its stderr. */
  static JsonNode json(String... args) throws IOException {
    String[] full = java.util.Arrays.copyOf(args, args.length + 2);
    full[args.length] = "--format";
    full[args.length + 1] = "json";
    CliRun run = of(full);
    if (run.exitCode() != 0) {
      throw new AssertionError(String.join(" ", args) + ": exit " + run.exitCode() + ": " + run.err());
    }
    return new ObjectMapper().readTree(run.out());
  }
}
