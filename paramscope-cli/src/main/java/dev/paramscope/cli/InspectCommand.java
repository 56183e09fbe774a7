package dev.paramscope.cli;

import dev.paramscope.query.InspectQuery;
import dev.paramscope.report.Report;
import dev.paramscope.weights.hub.RemoteCheckpoint;
import java.io.IOException;
import java.io.PrintWriter;
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

  @Override
  public Integer call() throws IOException {
    output.print(spec.commandLine().getOut(), report(source, tensors, spec.commandLine().getErr()));
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

  static Report report(String source, boolean tensors, PrintWriter err) throws IOException {
    Report report = InspectQuery.inspect(source, tensors, System.getenv(), progressBar(err));
    warnSkippedReconciliation(report, err);
    return report;
  }

  /** A one-line progress bar on stderr, only when stderr is a terminal and more than one file is read. */
  static RemoteCheckpoint.Progress progressBar(PrintWriter err) {
    return System.console() == null ? RemoteCheckpoint.Progress.NONE : new ProgressBar(err);
  }

  /** {@code [#########       ] 3/8 headers}, redrawn in place, erased when done. */
  private static final class ProgressBar implements RemoteCheckpoint.Progress {
    private static final int WIDTH = 30;
    private final PrintWriter err;

    ProgressBar(PrintWriter err) {
      this.err = err;
    }

    @Override
    public void fileRead(int done, int total, String file) {
      if (total < 2) {
        return;
      }
      int filled = done * WIDTH / total;
      err.print("\r[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + done + "/" + total + " headers");
      if (done == total) {
        err.print("\r" + " ".repeat(WIDTH + 24) + "\r");
      }
      err.flush();
    }
  }
}
