package dev.paramscope.memory;

import dev.paramscope.precision.GgmlType;
import java.util.Locale;

/**
 * The number format of the KV cache. 16- and 32-bit floats and FP8 cost a fixed number of bytes
 * per element; llama.cpp's quantized caches ({@code --cache-type-k q8_0}) are ggml blocks of 32
 * values: q8_0 34 bytes, q4_0 18 bytes (ggml-common.h {@code block_q8_0}, {@code block_q4_0}).
 */
public enum KvDtype {
  FP32("fp32", 4, 1),
  FP16("fp16", 2, 1),
  BF16("bf16", 2, 1),
  FP8("fp8", 1, 1),
  Q8_0("q8_0", GgmlType.Q8_0.bytesPerBlock(), GgmlType.Q8_0.blockSize()),
  Q4_0("q4_0", GgmlType.Q4_0.bytesPerBlock(), GgmlType.Q4_0.blockSize());

  private final String label;
  private final int blockBytes;
  private final int blockElements;

  KvDtype(String label, int blockBytes, int blockElements) {
    this.label = label;
    this.blockBytes = blockBytes;
    this.blockElements = blockElements;
  }

  public String label() {
    return label;
  }

  /** Bytes for {@code elements} values, rounded up to whole blocks. */
  public long bytesFor(long elements) {
    long blocks = elements / blockElements + (elements % blockElements == 0 ? 0 : 1);
    return Math.multiplyExact(blocks, (long) blockBytes);
  }

  public double bytesPerElement() {
    return blockBytes / (double) blockElements;
  }

  /** The model's own dtype: float32 configs cache in fp32, everything else in 16 bits. */
  public static KvDtype forModel(String torchDtype) {
    if (torchDtype == null) {
      return BF16;
    }
    switch (torchDtype) {
      case "float32":
        return FP32;
      case "float16":
        return FP16;
      default:
        return BF16;
    }
  }

  public static KvDtype parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    for (KvDtype d : values()) {
      if (d.label.equals(t)) {
        return d;
      }
    }
    if (t.equals("f16")) {
      return FP16;
    }
    if (t.equals("f32")) {
      return FP32;
    }
    throw new IllegalArgumentException("unknown KV dtype '" + text + "' (expected fp32, fp16, bf16, fp8, q8_0 or q4_0)");
  }
}
