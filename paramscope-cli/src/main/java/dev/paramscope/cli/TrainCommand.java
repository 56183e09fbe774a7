package dev.paramscope.cli;

import dev.paramscope.query.ModelSource;
import dev.paramscope.query.TrainQuery;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Training memory per GPU, FLOPs (6ND and exact), time, GPU-hours and cost.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  paramscope train llama-3.1-8b --tokens 15T --gpu h100x1024 --mfu 0.4",
      "  paramscope train llama-3.1-8b --tokens 100M --method qlora --lora-rank 16 --gpu rtx-4090 --micro-batch 4 --seq 2048",
      "  paramscope train qwen3-8b --tokens 1B --gpu h100x8 --zero 3 --optimizer adamw8bit --explain"
    })
final class TrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin OutputOptions output;
  @Mixin ModelOptions model;

  @Parameters(paramLabel = "SOURCE", description = "A config.json, a directory holding one, a catalog id, a cached repo (org/name[@rev]) or hf://org/name (its config.json only).")
  String source;

  @Option(names = "--tokens", paramLabel = "D", required = true, converter = Converters.Count.class, description = "Training tokens, e.g. 2T.")
  long tokens;

  @Option(names = "--gpu", paramLabel = "ID[xN]", parameterConsumer = GpuArgument.class, defaultValue = "h100-sxm x8", description = "GPUs (default: ${DEFAULT-VALUE}).")
  String gpu;

  @Option(names = "--mfu", paramLabel = "F", defaultValue = "0.4", description = "Model FLOPs utilisation in (0, 1] (default: ${DEFAULT-VALUE}).")
  double mfu;

  @Option(names = "--method", paramLabel = "M", defaultValue = "full", description = "full, lora or qlora (default: ${DEFAULT-VALUE}).")
  String method;

  @Option(names = "--lora-rank", paramLabel = "R", defaultValue = "16", description = "LoRA rank (default: ${DEFAULT-VALUE}).")
  int loraRank;

  @Option(names = "--lora-targets", paramLabel = "LIST", split = ",", defaultValue = "q,k,v,o",
      description = "Adapted projections among q,k,v,o,gate,up,down (default: ${DEFAULT-VALUE}).")
  List<String> loraTargets;

  @Option(names = "--zero", paramLabel = "STAGE", defaultValue = "0", description = "ZeRO stage 0-3 (default: ${DEFAULT-VALUE}).")
  int zero;

  @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "adamw", description = "adamw, adamw8bit, sgd or adafactor (default: ${DEFAULT-VALUE}).")
  String optimizer;

  @Option(names = "--recompute", paramLabel = "MODE",
      description = "none, selective or full (default: selective; full for LoRA and QLoRA, as PEFT has no selective mode).")
  String recompute;

  @Option(names = "--micro-batch", paramLabel = "N", defaultValue = "1", description = "Sequences per GPU per step (default: ${DEFAULT-VALUE}).")
  int microBatch;

  @Option(names = "--seq", paramLabel = "N", defaultValue = "4096", description = "Sequence length (default: ${DEFAULT-VALUE}).")
  int seq;

  @Option(names = "--price", paramLabel = "USD", description = "USD per GPU-hour (default: the catalog's on-demand price).")
  double price = Double.NaN;

  @Option(names = "--explain", description = "Print each number's formula, inputs and source.")
  boolean explain;

  @Override
  public Integer call() {
    output.print(spec.commandLine().getOut(), TrainQuery.report(ModelSource.resolve(source, model.assumeFamily),
        new TrainQuery.Options(tokens, gpu, mfu, method, loraRank, loraTargets, zero, optimizer, recompute, microBatch,
            seq, price, explain)));
    return 0;
  }
}
