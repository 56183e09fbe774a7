package dev.paramscope.weights.safetensors;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

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
  /** The name's bytes, as a header spells it. */
  private final byte[] ascii;

  SafetensorsDtype(int bits) {
    this.bits = bits;
    this.ascii = name().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
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

  /** By header name: one hash per tensor, where a scan of the constants was up to 20 compares. */
  private static final Map<String, SafetensorsDtype> BY_NAME = new HashMap<>();

  /**
   * By a hash of the name's length and first, second and last bytes, which differs for every name
   * (checked here, and a test reads every name back), so a header's bytes find their dtype with no
   * String made and one comparison.
   */
  private static final SafetensorsDtype[] BY_SLOT = new SafetensorsDtype[64];

  static {
    for (SafetensorsDtype dtype : values()) {
      BY_NAME.put(dtype.name(), dtype);
      int slot = slot(dtype.ascii, 0, dtype.ascii.length);
      if (BY_SLOT[slot] != null) {
        throw new AssertionError(dtype + " and " + BY_SLOT[slot] + " share slot " + slot);
      }
      BY_SLOT[slot] = dtype;
    }
  }

  /** {@code to - from >= 2}. */
  private static int slot(byte[] in, int from, int to) {
    return (2 * (to - from) + in[from] + 17 * in[from + 1] + in[to - 1]) & 63;
  }

  /** The dtype whose name is exactly the ASCII bytes {@code in[from, to)}, or null. */
  static SafetensorsDtype fromAscii(byte[] in, int from, int to) {
    int length = to - from;
    if (length < 2 || length > 7) { // F4 .. F8_E4M3
      return null;
    }
    SafetensorsDtype dtype = BY_SLOT[slot(in, from, to)];
    if (dtype == null || dtype.ascii.length != length) {
      return null;
    }
    byte[] name = dtype.ascii;
    for (int i = 0; i < length; i++) {
      if (in[from + i] != name[i]) {
        return null;
      }
    }
    return dtype;
  }

  /** The dtype named exactly as in a safetensors header ("BF16"), or null. */
  public static SafetensorsDtype byHeaderName(String name) {
    return BY_NAME.get(name);
  }

  @Override
  public String toString() {
    return name().toUpperCase(Locale.ROOT);
  }
}
