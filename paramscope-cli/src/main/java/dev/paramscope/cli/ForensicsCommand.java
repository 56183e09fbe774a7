package dev.paramscope.cli;

import dev.paramscope.query.ForensicsQuery;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "forensics", mixinStandardHelpOptions = true,
    description = "Tests published size figures against what a model's API shows: logit rank → hidden width, "
        + "decode speed → an upper bound on active parameters, price → a loose interval; each with its "
        + "formula and source, beside every catalog figure for the model, and a verdict.",
    footerHeading = "%nExamples (speeds and prices as published by Artificial Analysis, see the links):%n",
    footer = {
      "  # GPT-4o (May '24): OpenAI 81 tokens/s, $15 per M output tokens",
      "  #   https://artificialanalysis.ai/models/gpt-4o-2024-05-13/providers",
      "  paramscope forensics gpt-4o --tokens-per-second 81 --gpu h100x8 \\",
      "      --price-per-mtok 15",
      "  # GPT-4o mini: 61 tokens/s, $0.60 per M output tokens (Artificial Analysis",
      "  #   data in https://tokencost.app/compare/gpt-4o-vs-gpt-4o-mini)",
      "  paramscope forensics gpt-4o-mini --tokens-per-second 61 --gpu h100 \\",
      "      --price-per-mtok 0.6",
      "  # Claude 3.5 Sonnet: Anthropic 64 tokens/s, $15 per M output tokens",
      "  #   https://artificialanalysis.ai/models/claude-35-sonnet/providers",
      "  paramscope forensics claude-3.5-sonnet --tokens-per-second 64 \\",
      "      --gpu h100x8 --price-per-mtok 15",
      "  # Logit vectors you collected: .npy (float32/float64) or CSV,",
      "  #   one full-vocabulary vector per row",
      "  paramscope forensics --logits logits.npy"
    })
final class ForensicsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin OutputOptions output;

  @Parameters(paramLabel = "SOURCE", arity = "0..1",
      description = "A catalog id or config.json whose published figures are tested (optional).")
  String source;

  @Option(names = "--logits", paramLabel = "FILE",
      description = "Full-vocabulary logit or log-prob vectors, one per row: .npy (float32/float64) or CSV.")
  Path logits;

  @Option(names = "--tokens-per-second", paramLabel = "T", description = "Observed decode speed of one sequence.")
  Double tokensPerSecond;

  @Option(names = "--gpu", paramLabel = "ID[xN]", parameterConsumer = GpuArgument.class, defaultValue = "h100",
      description = "Accelerator serving one copy of the model, optionally times N (default: ${DEFAULT-VALUE}).")
  String gpu;

  @Option(names = "--gpus", paramLabel = "N", description = "Accelerators per model copy (overrides xN).")
  Integer gpus;

  @Option(names = "--dtype", paramLabel = "DTYPE", defaultValue = "fp8",
      description = "Weight type while serving (default: ${DEFAULT-VALUE}).")
  String dtype;

  @Option(names = "--bandwidth-efficiency", paramLabel = "F", defaultValue = "1",
      description = "Achieved share of the memory bandwidth (default: ${DEFAULT-VALUE}, the peak: an upper bound "
          + "needs the most favourable value; llama.cpp reaches 0.85 on a Mac mini M4).")
  double bandwidthEfficiency;

  @Option(names = "--speculative-speedup", paramLabel = "F", defaultValue = "1",
      description = "Tokens per weight read from speculative decoding (default: ${DEFAULT-VALUE}).")
  double speculativeSpeedup;

  @Option(names = "--price-per-mtok", paramLabel = "USD", description = "API price per million output tokens.")
  Double pricePerMtok;

  @Option(names = "--gpu-hour-price", paramLabel = "USD[-USD]", defaultValue = "1-4",
      description = "Range of an accelerator-hour's cost to the provider (default: ${DEFAULT-VALUE}).")
  String gpuHourPrice;

  @Option(names = "--utilisation", paramLabel = "F[-F]", defaultValue = "0.05-0.5",
      description = "Range of the achieved share of peak compute while serving (default: ${DEFAULT-VALUE}).")
  String utilisation;

  @Option(names = "--margin", paramLabel = "F[-F]", defaultValue = "0-0.8",
      description = "Range of the provider's margin as a share of the price (default: ${DEFAULT-VALUE}).")
  String margin;

  @Override
  public Integer call() {
    output.print(spec.commandLine().getOut(), ForensicsQuery.report(new ForensicsQuery.Options(source, logits,
        tokensPerSecond, gpu, gpus, dtype, bandwidthEfficiency, speculativeSpeedup, pricePerMtok, gpuHourPrice,
        utilisation, margin)));
    return 0;
  }
}
