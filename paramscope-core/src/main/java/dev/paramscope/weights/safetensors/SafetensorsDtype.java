package dev.paramscope.weights.safetensors;

import java.util.Locale;

/**
 * Every dtype the safetensors format names, with its size in bits, as the safetensors
 * crate defines them ({@code Dtype::bitsize} in safetensors/src/tensor.rs, 0.6+). F4 packs
 * two values per byte and F6 four per three bytes, so a tensor's element count times the
 * bit size must be a whole number of bytes.
 */
public enum SafetensorsDtype {
  BOOL(8), F4(4), F6_E2M3(6), F6_E3M2(6), U8(8), I8(8), F8_E5M2(8), F8_E4M3(8), F8_E8M0(8),
  I16(16), U16(16), F16(16), BF16(16), I32(32), U32(32), F32(32),
  /** Complex: two F32 parts. */
  C64(64),
  F64(64), I64(64), U64(64);

  private final int bits;

  SafetensorsDtype(int bits) {
    this.bits = bits;
  }

  /** Bits per element. */
  public int bits() {
    return bits;
  }

  /**
   * Bytes {@code elements} values take: elements * bits / 8.
   *
   * @throws IllegalArgumentException if that is not a whole number of bytes
   * @throws ArithmeticException on overflow
   */
  public long bytesFor(long elements) {
    long totalBits = Math.multiplyExact(elements, (long) bits);
    if (totalBits % 8 != 0) {
      throw new IllegalArgumentException(elements + " elements of " + name()
          + " do not fill whole bytes");
    }
    return totalBits / 8;
  }

  /** The dtype named exactly as in a safetensors header ("BF16"), or null. */
  public static SafetensorsDtype byHeaderName(String name) {
    return BY_NAME.get(name);
  }

  /** values() copies its array on every call; a header asks once per tensor. */
  private static final java.util.Map<String, SafetensorsDtype> BY_NAME = java.util.Arrays.stream(values())
      .collect(java.util.stream.Collectors.toUnmodifiableMap(SafetensorsDtype::name, d -> d));

  @Override
  public String toString() {
    return name().toUpperCase(Locale.ROOT);
  }
}
