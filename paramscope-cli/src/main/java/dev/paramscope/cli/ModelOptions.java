package dev.paramscope.cli;

import picocli.CommandLine.Option;

/** Options for commands that read a model: {@code --assume FAMILY} for an unknown model_type. */
final class ModelOptions {
  @Option(names = "--assume", paramLabel = "FAMILY",
      description = "Count a config whose model_type is unknown as this family (e.g. llama), with a warning.")
  String assumeFamily;
}
