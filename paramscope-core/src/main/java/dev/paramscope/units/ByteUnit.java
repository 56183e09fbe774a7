package dev.paramscope.units;

import java.util.Locale;

/**
 * The unit byte counts are shown in. GB is 10^9 bytes (as storage vendors and model cards count);
 * GiB is 2^30 bytes (as {@code nvidia-smi} and operating systems count). Labels always say which.
 */
public enum ByteUnit {
  GB(1_000_000_000L, "GB"),
  GIB(1L << 30, "GiB");

  private final long bytes;
  private final String label;

  ByteUnit(long bytes, String label) {
    this.bytes = bytes;
    this.label = label;
  }

  /** Bytes in one unit. */
  public long bytes() {
    return bytes;
  }

  public String label() {
    return label;
  }

  /** Parses {@code gb} or {@code gib} (case-insensitive). */
  public static ByteUnit parse(String text) {
    switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "gb":
        return GB;
      case "gib":
        return GIB;
      default:
        throw new IllegalArgumentException("unknown byte unit '" + text + "' (expected GB or GiB)");
    }
  }
}
