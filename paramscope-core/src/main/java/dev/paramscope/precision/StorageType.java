package dev.paramscope.precision;

import java.util.List;
import java.util.Locale;

/**
 * The number formats weights are stored in, with the exact storage each costs.
 *
 * <p>Plain types cost a fixed number of bits per parameter: FP64 8 bytes, FP32 4, FP16/BF16 2,
 * FP8 and INT8 1, INT4 half a byte (raw bits; a real INT4 scheme such as GPTQ or AWQ adds group
 * scales). GGUF types are block formats: a block of {@link GgmlType#blockSize()} weights costs
 * {@link GgmlType#bytesPerBlock()} bytes including its scales, so Q8_0 is 34 bytes per 32 weights
 * = 8.5 bits per weight, not 8 (ggml {@code ggml-common.h} block structs).
 */
public enum StorageType {
  FP64("FP64", 64, null),
  FP32("FP32", 32, null),
  FP16_BF16("FP16/BF16", 16, null),
  FP8("FP8", 8, null),
  INT8("INT8", 8, null),
  INT4("INT4", 4, null),
  Q8_0("Q8_0", 0, GgmlType.Q8_0),
  Q6_K("Q6_K", 0, GgmlType.Q6_K),
  Q5_K("Q5_K", 0, GgmlType.Q5_K),
  Q4_K("Q4_K", 0, GgmlType.Q4_K),
  Q4_0("Q4_0", 0, GgmlType.Q4_0),
  Q3_K("Q3_K", 0, GgmlType.Q3_K),
  Q2_K("Q2_K", 0, GgmlType.Q2_K),
  IQ4_XS("IQ4_XS", 0, GgmlType.IQ4_XS),
  IQ3_XXS("IQ3_XXS", 0, GgmlType.IQ3_XXS),
  IQ2_XXS("IQ2_XXS", 0, GgmlType.IQ2_XXS),
  TQ1_0("TQ1_0", 0, GgmlType.TQ1_0),
  MXFP4("MXFP4", 0, GgmlType.MXFP4);

  private final String label;
  private final int bits;
  private final GgmlType ggml;

  StorageType(String label, int bits, GgmlType ggml) {
    this.label = label;
    this.bits = bits;
    this.ggml = ggml;
  }

  /** The name shown to people and in JSON ({@code FP16/BF16}, {@code Q4_K}). */
  public String label() {
    return label;
  }

  /** True for the GGUF block formats. */
  public boolean isGguf() {
    return ggml != null;
  }

  /** Storage bits per parameter, block scales included for GGUF types (Q8_0 = 8.5). */
  public double bitsPerParam() {
    return ggml == null ? bits : ggml.bitsPerWeight();
  }

  /**
   * Bytes to store {@code params} parameters in this type, rounded up to a whole byte (plain
   * types) or a whole block (GGUF types, as if the weights were one tensor).
   *
   * @throws ArithmeticException if the result overflows a long
   */
  public long bytesFor(long params) {
    if (params < 0) {
      throw new IllegalArgumentException("params must not be negative: " + params);
    }
    if (ggml == null) {
      long totalBits = Math.multiplyExact(params, (long) bits);
      return totalBits / 8 + (totalBits % 8 == 0 ? 0 : 1);
    }
    long blocks = params / ggml.blockSize() + (params % ggml.blockSize() == 0 ? 0 : 1);
    return Math.multiplyExact(blocks, (long) ggml.bytesPerBlock());
  }

  /** The types the seed comparison shows: FP64, FP32, BF16, INT8, INT4. */
  public static List<StorageType> seedColumns() {
    return List.of(FP64, FP32, FP16_BF16, INT8, INT4);
  }

  /** Finds a type by label or name, case-insensitive ({@code bf16} and {@code fp16} are FP16/BF16). */
  public static StorageType parse(String text) {
    String t = text.trim().toUpperCase(Locale.ROOT);
    if (t.equals("BF16") || t.equals("FP16") || t.equals("F16")) {
      return FP16_BF16;
    }
    for (StorageType type : values()) {
      if (type.name().equals(t) || type.label.equals(t)) {
        return type;
      }
    }
    throw new IllegalArgumentException("unknown storage type '" + text + "'");
  }
}
