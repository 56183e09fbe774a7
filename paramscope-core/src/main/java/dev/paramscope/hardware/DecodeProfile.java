package dev.paramscope.hardware;

/**
 * How a runtime's batch-1 decode step departs from the pure bandwidth bound on one kind of
 * accelerator: {@code step = tokenOverheadSeconds + bytesRead / (bandwidth × bandwidthEfficiency)}.
 * The overhead is the per-token fixed cost (kernel launches, synchronisation, sampling) that makes
 * small models reach only a third to two thirds of peak bandwidth; the efficiency is the share of
 * the datasheet bandwidth that large reads achieve. Both are fitted to published measurements,
 * named in {@code source}.
 *
 * @param key the profile's name in {@code gpus.json}, e.g. {@code cuda}
 * @param tokenOverheadSeconds fixed cost of one decode step; zero or more
 * @param bandwidthEfficiency achieved share of the peak memory bandwidth, in (0, 1]
 * @param basis what the figures were fitted to, in a sentence
 * @param source where the measurements were published
 * @param borrowedFrom the profile whose fit this one takes for want of its own measurements; "" when
 *     fitted to its own
 */
public record DecodeProfile(String key, double tokenOverheadSeconds, double bandwidthEfficiency, String basis,
    String source, String borrowedFrom) {
  public DecodeProfile {
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException("a decode profile needs a name");
    }
    if (!(tokenOverheadSeconds >= 0) || tokenOverheadSeconds > 1) {
      throw new IllegalArgumentException("token_overhead_ms (" + tokenOverheadSeconds * 1e3 + ") must be in [0, 1000]");
    }
    if (!(bandwidthEfficiency > 0 && bandwidthEfficiency <= 1)) {
      throw new IllegalArgumentException("bandwidth_efficiency (" + bandwidthEfficiency + ") must be in (0, 1]");
    }
    if (source == null || !source.startsWith("https://")) {
      throw new IllegalArgumentException("decode profile " + key + " needs an https source");
    }
    basis = basis == null ? "" : basis;
    borrowedFrom = borrowedFrom == null ? "" : borrowedFrom;
  }
}
