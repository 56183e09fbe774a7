package dev.paramscope.cli;

import dev.paramscope.query.InspectQuery;
import dev.paramscope.report.Report;
import dev.paramscope.weights.hub.RemoteCheckpoint;
import dev.paramscope.weights.hub.RemoteOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "inspect", mixinStandardHelpOptions = true,
    description = {
      "What a checkpoint's headers say, without reading its weights: format, tensors, parameters by type,",
      "metadata, and how the tensors reconcile with the exact count of the architecture."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  paramscope inspect model.safetensors",
      "  paramscope inspect ./Llama-3.1-8B/                 (shards, index and config.json)",
      "  paramscope inspect llama-3.1-8b-Q4_K_M.gguf --tensors",
      "  paramscope inspect meta-llama/Llama-3.1-8B         (from the Hugging Face cache)",
      "  paramscope inspect hf://Qwen/Qwen3-8B              (remote, header bytes only; HF_TOKEN for gated repos)"
    })
final class InspectCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin OutputOptions output;

  @Parameters(paramLabel = "SOURCE",
      description = "A .safetensors or .gguf file, an index.json, a directory, a cached repo id (org/name[@rev]) or hf://org/name[@rev].")
  String source;

  @Option(names = "--tensors", description = "Also list every tensor: name, type, shape, parameters, bytes, offset.")
  boolean tensors;

  @Option(names = "--connections", paramLabel = "N", defaultValue = "16",
      description = "hf:// only: header reads at once (1-256, default ${DEFAULT-VALUE}).")
  int connections;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
      description = "hf:// only: seconds to wait for each response (connecting at most 10), default ${DEFAULT-VALUE};"
          + " the whole read may take 10 times this.")
  String timeout;

  @Override
  public Integer call() throws IOException {
    RemoteOptions remote = RemoteOptions.of(timeout(timeout), connections);
    Report report = InspectQuery.inspect(source, tensors, System.getenv(), remote, progressBar(spec.commandLine().getErr()));
    warnSkippedReconciliation(report, spec.commandLine().getErr());
    output.print(spec.commandLine().getOut(), report);
    return 0;
  }

  /**
   * A skipped reconciliation (config.json names an unknown model_type) is also one line on
   * stderr, since JSON and CSV output carry no notes.
   */
  static void warnSkippedReconciliation(Report report, PrintWriter err) {
    for (dev.paramscope.report.Message note : report.notes()) {
      if (note.key().equals("note.inspect.reconciliation_skipped")) {
        err.println("paramscope: warning: " + ErrorHandler.oneLine(note.args().get(0)) + "; reconciliation skipped");
        err.flush();
      }
    }
  }

  /** {@code --timeout}: plain decimal seconds, 0.001 to 3600. */
  static Duration timeout(String text) {
    if (!text.matches("[0-9]{1,4}(\\.[0-9]{1,3})?")) {
      throw new IllegalArgumentException("--timeout: '" + text + "' is not a number of seconds such as 30 or 2.5");
    }
    long millis = new java.math.BigDecimal(text).movePointRight(3).longValueExact();
    if (millis < 1 || millis > 3_600_000) {
      throw new IllegalArgumentException("--timeout: " + text + " s is outside 0.001-3600 s");
    }
    return Duration.ofMillis(millis);
  }

  /** A one-line progress bar on stderr, only when stderr is a terminal and more than one file is read. */
  static RemoteCheckpoint.Progress progressBar(PrintWriter err) {
    return stderrIsTerminal() ? new ProgressBar(err) : RemoteCheckpoint.Progress.NONE;
  }

  /**
   * Whether file descriptor 2 is a terminal: on Linux, where {@code /proc/self/fd/2} points;
   * elsewhere Java 17 can only say whether there is a console (stdin and stdout both terminals).
   */
  static boolean stderrIsTerminal() {
    try {
      String target = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return System.console() != null;
    }
  }

  /** {@code [#########       ] 3/8 headers, 1.2 MB}, redrawn in place, erased when done. */
  private static final class ProgressBar implements RemoteCheckpoint.Progress {
    private static final int WIDTH = 30;
    private final PrintWriter err;

    ProgressBar(PrintWriter err) {
      this.err = err;
    }

    @Override
    public void fileRead(int done, int total, String file, long bytesFetched) {
      if (total < 2) {
        return;
      }
      int filled = done * WIDTH / total;
      String line = "\r[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + done + "/" + total + " headers, "
          + String.format(Locale.ROOT, "%.1f MB", bytesFetched / 1e6);
      err.print(line);
      if (done == total) {
        err.print("\r" + " ".repeat(line.length()) + "\r");
      }
      err.flush();
    }
  }
}
