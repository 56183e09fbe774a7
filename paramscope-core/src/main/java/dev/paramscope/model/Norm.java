package dev.paramscope.model;

import java.util.Objects;

/**
 * One normalization layer as a checkpoint stores it.
 *
 * @param name the module's name in Hugging Face transformers, e.g. {@code "input_layernorm"}
 * @param kind RMSNorm or LayerNorm (with or without bias, or non-parametric)
 * @param size number of normalized elements (the width of the weight vector), positive
 */
public record Norm(String name, NormKind kind, int size) {
  public Norm {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    if (size <= 0) {
      throw new IllegalArgumentException("norm size must be positive: " + size);
    }
  }

  /** Learned parameters: {@code size * kind.paramsPerElement()}. */
  public long params() {
    return Math.multiplyExact((long) size, kind.paramsPerElement());
  }
}
