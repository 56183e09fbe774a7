package dev.paramscope.precision;

import dev.paramscope.BadInputException;
import java.util.Locale;
import java.util.Map;

/**
 * Every tensor type ggml defines, with its on-disk block layout.
 *
 * <p>Ids, block sizes (elements per block) and bytes per block follow ggml's {@code enum
 * ggml_type} in {@code ggml/include/ggml.h} and the {@code type_traits} table in {@code
 * ggml/src/ggml.c} ({@code blck_size}, {@code type_size}), as mirrored by gguf-py's {@code
 * GGML_QUANT_SIZES} (gguf-py 0.19.0). The shared conformance file {@code
 * all-types-layout.gguf} (one [2,512] tensor of every type) pins each pair.
 *
 * <p>Ids 4, 5 (Q4_2, Q4_3), 31-33 (Q4_0_4_4, Q4_0_4_8, Q4_0_8_8) and 36-38 (IQ4_NL_4_4,
 * IQ4_NL_4_8, IQ4_NL_8_8) were removed from ggml; {@link #byId} says so.
 */
public enum GgmlType {
  F32(0, 1, 4),
  F16(1, 1, 2),
  /** block_q4_0: f16 scale + 16 bytes of nibbles. */
  Q4_0(2, 32, 18),
  Q4_1(3, 32, 20),
  Q5_0(6, 32, 22),
  Q5_1(7, 32, 24),
  /** block_q8_0: f16 scale + 32 int8. */
  Q8_0(8, 32, 34),
  Q8_1(9, 32, 36),
  Q2_K(10, 256, 84),
  Q3_K(11, 256, 110),
  Q4_K(12, 256, 144),
  Q5_K(13, 256, 176),
  Q6_K(14, 256, 210),
  Q8_K(15, 256, 292),
  IQ2_XXS(16, 256, 66),
  IQ2_XS(17, 256, 74),
  IQ3_XXS(18, 256, 98),
  IQ1_S(19, 256, 50),
  IQ4_NL(20, 32, 18),
  IQ3_S(21, 256, 110),
  IQ2_S(22, 256, 82),
  IQ4_XS(23, 256, 136),
  I8(24, 1, 1),
  I16(25, 1, 2),
  I32(26, 1, 4),
  I64(27, 1, 8),
  F64(28, 1, 8),
  IQ1_M(29, 256, 56),
  BF16(30, 1, 2),
  /** Ternary, base-3 packed: 2 + 4 * 13 bytes per 256. */
  TQ1_0(34, 256, 54),
  TQ2_0(35, 256, 66),
  /** block_mxfp4: one E8M0 scale byte + 16 bytes of E2M1 nibbles. */
  MXFP4(39, 32, 17),
  /** block_nvfp4: 4 UE4M3 sub-block scales + 32 bytes of E2M1 nibbles. */
  NVFP4(40, 64, 36),
  /** block_q1_0: f16 scale + 128 sign bits. */
  Q1_0(41, 128, 18),
  /** block_q2_0: f16 scale + 64 two-bit quants. */
  Q2_0(42, 64, 18);

  /** Ids ggml once used and has removed, with their old names. */
  private static final Map<Integer, String> REMOVED = Map.of(
      4, "Q4_2", 5, "Q4_3",
      31, "Q4_0_4_4", 32, "Q4_0_4_8", 33, "Q4_0_8_8",
      36, "IQ4_NL_4_4", 37, "IQ4_NL_4_8", 38, "IQ4_NL_8_8");

  private static final GgmlType[] BY_ID = new GgmlType[43];

  static {
    for (GgmlType type : values()) {
      BY_ID[type.id] = type;
    }
  }

  private final int id;
  private final int blockSize;
  private final int bytesPerBlock;

  GgmlType(int id, int blockSize, int bytesPerBlock) {
    this.id = id;
    this.blockSize = blockSize;
    this.bytesPerBlock = bytesPerBlock;
  }

  /** The numeric id ggml and GGUF files use ({@code enum ggml_type}). */
  public int id() {
    return id;
  }

  /** Elements per block ({@code blck_size}); 1 for plain types. */
  public int blockSize() {
    return blockSize;
  }

  /** Bytes per block on disk ({@code type_size}). */
  public int bytesPerBlock() {
    return bytesPerBlock;
  }

  /** True for block-quantized types (block size above 1). */
  public boolean isQuantized() {
    return blockSize > 1;
  }

  /** Storage bits per weight, scales included: 8 * bytesPerBlock / blockSize (Q8_0 = 8.5). */
  public double bitsPerWeight() {
    return 8.0 * bytesPerBlock / blockSize;
  }

  /**
   * Exact bytes {@code elements} weights take: elements / blockSize * bytesPerBlock.
   *
   * @throws IllegalArgumentException if elements is negative or not a multiple of the block size
   * @throws ArithmeticException if the result overflows a long
   */
  public long bytesFor(long elements) {
    if (elements < 0) {
      throw new IllegalArgumentException("element count is negative: " + elements);
    }
    if (elements % blockSize != 0) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "%d elements is not a multiple of %s's block size %d", elements, name(), blockSize));
    }
    return Math.multiplyExact(elements / blockSize, (long) bytesPerBlock);
  }

  /**
   * The type with this ggml id.
   *
   * @throws BadInputException if the id is unknown, or known to have been removed from ggml
   */
  public static GgmlType byId(long id) {
    if (id >= 0 && id < BY_ID.length && BY_ID[(int) id] != null) {
      return BY_ID[(int) id];
    }
    String removed = id >= 0 && id < BY_ID.length ? REMOVED.get((int) id) : null;
    if (removed != null) {
      throw new BadInputException("ggml type", "id " + id + " (" + removed
          + ") was removed from ggml; re-convert the file with a current llama.cpp");
    }
    throw new BadInputException("ggml type", "unknown id " + id
        + " (known: 0-" + (BY_ID.length - 1) + " except removed 4, 5, 31-33, 36-38)");
  }

  /**
   * The type with this name, case-insensitive ("q4_k", "Q4_K", "bf16").
   *
   * @throws BadInputException if no ggml type has the name
   */
  public static GgmlType byName(String name) {
    if (name != null) {
      String upper = name.trim().toUpperCase(Locale.ROOT);
      for (GgmlType type : values()) {
        if (type.name().equals(upper)) {
          return type;
        }
      }
      if (REMOVED.containsValue(upper)) {
        throw new BadInputException("ggml type", name + " was removed from ggml");
      }
    }
    throw new BadInputException("ggml type", "unknown type name '" + name + "'");
  }
}
