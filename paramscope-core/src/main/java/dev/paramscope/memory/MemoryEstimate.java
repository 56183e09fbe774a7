package dev.paramscope.memory;

/**
 * Inference memory for one configuration, in bytes.
 *
 * @param weightsBytes every weight at the chosen dtype (all experts of an MoE: they stay resident)
 * @param kvCacheBytes the KV cache of {@code batch} sequences of {@code context} tokens
 * @param kvCacheBytesPerToken bytes one token adds in the full-attention layers of one sequence
 * @param activationBytes the activation peak of one forward pass, logits included
 * @param overheadBytes the runtime's fixed overhead (one GPU)
 */
public record MemoryEstimate(long weightsBytes, long kvCacheBytes, long kvCacheBytesPerToken, long activationBytes,
    long overheadBytes) {

  /** Everything on one device. */
  public long totalBytes() {
    return Math.addExact(Math.addExact(Math.addExact(weightsBytes, kvCacheBytes), activationBytes), overheadBytes);
  }

  /**
   * Bytes on each of {@code count} GPUs with tensor parallelism: weights and KV cache split
   * evenly (heads and matrices shard), activations and overhead on every GPU (a conservative
   * choice: TP shards some activations too).
   */
  public long perGpuBytes(int count) {
    long split = Math.addExact(weightsBytes, kvCacheBytes);
    long share = split / count + (split % count == 0 ? 0 : 1);
    return Math.addExact(Math.addExact(share, activationBytes), overheadBytes);
  }
}
