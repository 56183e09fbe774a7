package dev.paramscope.memory;

import java.util.List;

/**
 * Inference memory for one configuration, in bytes.
 *
 * @param weightsBytes every weight at the chosen dtype (all experts of an MoE: they stay resident)
 * @param kvCacheBytes the KV cache of {@code batch} sequences of {@code context} tokens
 * @param kvCacheBytesPerToken bytes one token adds in the full-attention layers of one sequence
 * @param activationBytes the activation peak of one forward pass, logits included
 * @param overheadBytes the runtime's fixed overhead (one GPU)
 * @param stateBytes the constant recurrent state of {@code batch} sequences in linear-attention and
 *     state-space layers (0 for a pure transformer), independent of the context
 * @param kvShares {@code kvCacheBytes} grouped by how many GPUs that part can split over (see
 *     {@link KvSplit}); they sum to {@code kvCacheBytes}
 */
public record MemoryEstimate(long weightsBytes, long kvCacheBytes, long kvCacheBytesPerToken, long activationBytes,
    long overheadBytes, long stateBytes, List<KvShare> kvShares) {

  /**
   * Part of the KV cache and the most tensor-parallel GPUs it splits over: the KV heads of a GQA
   * layer, 1 for an MLA latent (every GPU holds it whole).
   */
  public record KvShare(int maxWays, long bytes) {
    public KvShare {
      if (maxWays < 1 || bytes < 0) {
        throw new IllegalArgumentException("a KV share needs maxWays >= 1 and bytes >= 0");
      }
    }
  }

  public MemoryEstimate {
    kvShares = List.copyOf(kvShares);
    long sum = 0;
    for (KvShare share : kvShares) {
      sum = Math.addExact(sum, share.bytes());
    }
    if (sum != kvCacheBytes) {
      throw new IllegalArgumentException("KV shares (" + sum + ") must sum to kvCacheBytes (" + kvCacheBytes + ")");
    }
  }

  /** An estimate whose KV cache splits evenly over any number of GPUs. */
  public MemoryEstimate(long weightsBytes, long kvCacheBytes, long kvCacheBytesPerToken, long activationBytes,
      long overheadBytes, long stateBytes) {
    this(weightsBytes, kvCacheBytes, kvCacheBytesPerToken, activationBytes, overheadBytes, stateBytes,
        List.of(new KvShare(Integer.MAX_VALUE, kvCacheBytes)));
  }

  /** An estimate without recurrent state. */
  public MemoryEstimate(long weightsBytes, long kvCacheBytes, long kvCacheBytesPerToken, long activationBytes,
      long overheadBytes) {
    this(weightsBytes, kvCacheBytes, kvCacheBytesPerToken, activationBytes, overheadBytes, 0);
  }

  /** Everything on one device. */
  public long totalBytes() {
    return Math.addExact(Math.addExact(Math.addExact(Math.addExact(weightsBytes, kvCacheBytes), stateBytes),
        activationBytes), overheadBytes);
  }

  /**
   * Bytes on each of {@code count} GPUs with tensor parallelism: weights and recurrent state split
   * evenly (heads and matrices shard); each part of the KV cache split over at most its {@link
   * KvShare#maxWays} GPUs (KV heads replicated beyond that, an MLA latent whole on every GPU);
   * activations and overhead on every GPU (a conservative choice: TP shards some activations too).
   */
  public long perGpuBytes(int count) {
    long bytes = Math.addExact(ceilDiv(Math.addExact(weightsBytes, stateBytes), count), kvCacheBytesPerGpu(count));
    return Math.addExact(Math.addExact(bytes, activationBytes), overheadBytes);
  }

  /** KV-cache bytes each of {@code count} tensor-parallel GPUs holds (see {@link #perGpuBytes}). */
  public long kvCacheBytesPerGpu(int count) {
    long bytes = 0;
    for (KvShare share : kvShares) {
      bytes = Math.addExact(bytes, ceilDiv(share.bytes(), Math.min(share.maxWays(), count)));
    }
    return bytes;
  }

  private static long ceilDiv(long bytes, int ways) {
    return bytes / ways + (bytes % ways == 0 ? 0 : 1);
  }
}
