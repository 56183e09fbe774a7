package dev.paramscope.model;

import java.util.Objects;

/**
 * How a checkpoint's {@code quantization_config} says its weights are stored, normalized from the
 * several schemes Hugging Face configs use.
 *
 * @param method the scheme: {@code fp8} (block FP8, DeepSeek-V3), {@code fbgemm_fp8}, {@code mxfp4},
 *     {@code gptq}, {@code awq}, {@code nvfp4}, {@code compressed-tensors}, or another
 *     {@code quant_method} as written
 * @param bits bits per stored weight value the config states (4, 8), or 0 when it states none
 * @param floating true when the stored values are floating point (FP8, FP4), false for integers
 */
public record Quantization(String method, int bits, boolean floating) {
  public Quantization {
    Objects.requireNonNull(method, "method");
    if (bits < 0 || bits > 64) {
      throw new IllegalArgumentException("quantization bits (" + bits + ") must be in [0, 64]");
    }
  }
}
