package dev.paramscope.memory;

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
 */
public record MemoryEstimate(long weightsBytes, long kvCacheBytes, long kvCacheBytesPerToken, long activationBytes,
    long overheadBytes, long stateBytes) {

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
   * Bytes on each of {@code count} GPUs with tensor parallelism: weights, KV cache and state split
   * evenly (heads and matrices shard), activations and overhead on every GPU (a conservative
   * choice: TP shards some activations too).
   */
  public long perGpuBytes(int count) {
    long split = Math.addExact(Math.addExact(weightsBytes, kvCacheBytes), stateBytes);
    long share = split / count + (split % count == 0 ? 0 : 1);
    return Math.addExact(Math.addExact(share, activationBytes), overheadBytes);
  }
}
