package dev.paramscope.cli;

import dev.paramscope.query.ModelSource;
import dev.paramscope.query.SizeQuery;
import dev.paramscope.report.Report;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "size", mixinStandardHelpOptions = true,
    description = "Bytes to store the weights at FP64 ... INT4 and the GGUF quantization types.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  paramscope size deepseek-v3",
      "  paramscope size gpt-4o --units gib",
      "  paramscope size path/to/config.json --format csv",
      "  paramscope size path/to/model-Q4_K_M.gguf"
    })
final class SizeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin OutputOptions output;
  @Mixin ModelOptions model;

  @Parameters(paramLabel = "SOURCE", description = "A config.json, a directory holding one, a catalog id, a cached repo (org/name[@rev]) or hf://org/name (its config.json only); a local .gguf or .safetensors checkpoint gives its own weight bytes (header-only).")
  String source;

  @Override
  public Integer call() {
    output.print(spec.commandLine().getOut(), report(source, model.assumeFamily, output));
    return 0;
  }

  static Report report(String source, String assumeFamily, OutputOptions output) {
    return SizeQuery.report(ModelSource.resolve(source, assumeFamily), output.renderOptions().lang());
  }
}
