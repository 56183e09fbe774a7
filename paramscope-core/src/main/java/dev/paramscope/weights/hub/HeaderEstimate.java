package dev.paramscope.weights.hub;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * How many bytes to ask for first, so that one Range request holds a shard's whole safetensors
 * header. The index's {@code weight_map} names each shard's tensors; a header holds each name and,
 * around it, its {@code dtype}, {@code shape} and {@code data_offsets}
 * ({@code "name":{"dtype":"BF16","shape":[4096,14336],"data_offsets":[0,117440512]},}, about 80
 * bytes besides the name; the safetensors format spec, huggingface/safetensors README "Format").
 * Once headers come back, the most bytes per tensor besides names any shard had is used for the rest
 * (a shard whose header is longer than asked for costs a second request, for the rest only).
 */
final class HeaderEstimate {
  /** Bytes per tensor besides its name before any header is seen: a little above the ~80 typical. */
  static final int FIRST_GUESS_PER_TENSOR = 88;
  /**
   * The length prefix, braces, a {@code __metadata__} entry such as {@code {"format":"pt"}} and
   * the padding to a multiple of 8 that the safetensors writer adds.
   */
  static final int FIXED_BYTES = 8 + 2 + 32 + 7;
  /** Margin over the most measured, for shards whose shapes or offsets have more digits. */
  static final double MARGIN = 1.02;
  /**
   * Bytes added to every guess: a shard of a few tensors whose offsets have one digit more than
   * the shards measured outgrows a 2 % margin (a 12-shard tiny checkpoint's did, by one byte); 64
   * bytes on DeepSeek-V3's ~73 KB headers is 0.1 %.
   */
  static final int SLACK_BYTES = 64;

  private final Map<String, long[]> shards = new HashMap<>();
  private double seenPerTensor = -1;

  /** Counts the name bytes and tensors of each shard in an index's weight_map. */
  void add(String tensor, String shard) {
    // The name appears JSON-quoted; escapes are rare in tensor names and only make this an underestimate.
    shards.computeIfAbsent(shard, s -> new long[2])[0] += tensor.getBytes(StandardCharsets.UTF_8).length + 2;
    shards.get(shard)[1]++;
  }

  /** The first read for {@code shard}, or {@code fallback} when the index does not name it. */
  synchronized int firstRead(String shard, int fallback) {
    long[] s = shards.get(shard);
    if (s == null) {
      return fallback;
    }
    double perTensor = seenPerTensor < 0 ? FIRST_GUESS_PER_TENSOR : MARGIN * seenPerTensor;
    double guess = FIXED_BYTES + SLACK_BYTES + s[0] + s[1] * perTensor;
    return (int) Math.min(HttpByteSource.MAX_WINDOW, Math.ceil(guess));
  }

  /** Tells what a shard's header turned out to be ({@code headerBytes} including the length prefix). */
  synchronized void observe(String shard, long headerBytes) {
    long[] s = shards.get(shard);
    if (s == null || s[1] == 0) {
      return;
    }
    seenPerTensor = Math.max(seenPerTensor, (headerBytes - FIXED_BYTES - s[0]) / (double) s[1]);
  }
}
