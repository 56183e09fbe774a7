package dev.paramscope.model;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How a checkpoint's {@code quantization_config} says its weights are stored, normalized from the
 * several schemes Hugging Face configs use.
 *
 * @param method the scheme: {@code fp8} (block FP8, DeepSeek-V3), {@code fbgemm_fp8}, {@code mxfp4},
 *     {@code gptq}, {@code awq}, {@code nvfp4}, {@code compressed-tensors}, or another
 *     {@code quant_method} as written
 * @param bits bits per stored weight value the config states (4, 8), or 0 when it states none
 * @param floating true when the stored values are floating point (FP8, FP4), false for integers
 * @param groupSize weights sharing one scale ({@code group_size}), or 0 when the config states none
 * @param symmetric true when no zero point is stored ({@code symmetric: true})
 * @param ignore modules left unquantized, as regular expressions matched from a module name's start
 *     (compressed-tensors' {@code ignore}: a module name is matched whole, {@code re:} entries as written)
 */
public record Quantization(String method, int bits, boolean floating, int groupSize, boolean symmetric,
    List<String> ignore) {
  public Quantization {
    Objects.requireNonNull(method, "method");
    if (bits < 0 || bits > 64) {
      throw new IllegalArgumentException("quantization bits (" + bits + ") must be in [0, 64]");
    }
    if (groupSize < 0) {
      throw new IllegalArgumentException("group size (" + groupSize + ") must not be negative");
    }
    ignore = List.copyOf(ignore);
  }

  /** A scheme stated by method and width alone. */
  public Quantization(String method, int bits, boolean floating) {
    this(method, bits, floating, 0, false, List.of());
  }

  /** True when {@code module} (e.g. {@code model.layers.1.self_attn.q_proj}) is left unquantized. */
  public boolean ignores(String module) {
    return ignore.stream().anyMatch(p -> Pattern.compile(p).matcher(module).lookingAt());
  }
}
