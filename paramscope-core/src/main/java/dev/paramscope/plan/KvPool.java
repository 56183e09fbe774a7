package dev.paramscope.plan;

import dev.paramscope.memory.KvDtype;
import java.util.Map;
import java.util.TreeMap;

/**
 * vLLM's paged KV pool on one rank (vllm/v1/core/kv_cache_utils.py, v0.10): layers grouped by
 * attention kind into groups of equal size that share one pool of {@code num_blocks} blocks.
 * A model whose layers all use full attention is one group of all its layers.
 */
final class KvPool {
  private final long blockSize;
  private final long pageBytes;
  private final int groupSize;
  /** window (0 = full) → number of groups of that kind. */
  private final Map<Integer, Integer> groupsByWindow;
  private final int groups;
  private final long numBlocks;
  private final long batchedTokens;

  private KvPool(long blockSize, long pageBytes, int groupSize, Map<Integer, Integer> groupsByWindow,
      long numBlocks, long batchedTokens) {
    this.blockSize = blockSize;
    this.pageBytes = pageBytes;
    this.groupSize = groupSize;
    this.groupsByWindow = groupsByWindow;
    this.groups = groupsByWindow.values().stream().mapToInt(Integer::intValue).sum();
    this.numBlocks = numBlocks;
    this.batchedTokens = batchedTokens;
  }

  static KvPool of(PlanContext c, PlanContext.Stage stage, KvDtype dtype, long blockSize, long batchedTokens,
      long poolBytes) {
    Map<Integer, Integer> layersByWindow = new TreeMap<>();
    long page = 0;
    for (int i = stage.firstLayer(); i < stage.firstLayer() + stage.layers(); i++) {
      layersByWindow.merge(c.shards().window(i), 1, Integer::sum);
      page = Math.max(page, Math.multiplyExact(blockSize, c.shards().kvBytesPerTokenPerLayer(i, c.parallelism(), dtype)));
    }
    int groupSize = layersByWindow.values().stream().mapToInt(Integer::intValue).min().orElse(1);
    Map<Integer, Integer> groups = new TreeMap<>();
    layersByWindow.forEach((w, n) -> groups.put(w, (n + groupSize - 1) / groupSize));
    long blocks = poolBytes / page / groupSize;
    return new KvPool(blockSize, page, groupSize, groups, blocks, batchedTokens);
  }

  /** A pool of one group of full-attention layers holding {@code numBlocks} blocks (for checking vLLM's log lines). */
  static KvPool ofBlocks(long numBlocks, long blockSize) {
    return new KvPool(blockSize, 0, 1, new TreeMap<>(Map.of(0, 1)), numBlocks, 0);
  }

  /** Bytes one request of {@code len} tokens needs ({@code max_memory_usage_bytes} summed over layers). */
  long requestBytes(long len) {
    return Math.multiplyExact(Math.multiplyExact(blocksPerRequest(len), pageBytes), groupSize);
  }

  long numBlocks() {
    return numBlocks;
  }

  /** Bytes the pool takes: {@code num_blocks × page × group size}. */
  long poolBytes() {
    return Math.multiplyExact(Math.multiplyExact(numBlocks, pageBytes), groupSize);
  }

  /** {@code GPU KV cache size}: {@code num_blocks // groups × block_size} tokens. */
  long reportedTokens() {
    return numBlocks / groups * blockSize;
  }

  /** Blocks one request of {@code len} tokens needs in every group together. */
  long blocksPerRequest(long len) {
    long blocks = 0;
    for (Map.Entry<Integer, Integer> e : groupsByWindow.entrySet()) {
      long held = e.getKey() == 0 ? len : Math.min(e.getKey() - 1L + batchedTokens, len);
      blocks = Math.addExact(blocks, Math.multiplyExact((long) e.getValue(), ceilDiv(held, blockSize)));
    }
    return blocks;
  }

  /** {@code Maximum concurrency for len tokens per request}. */
  double concurrency(long len) {
    long per = blocksPerRequest(len);
    return per == 0 ? 0 : numBlocks / (double) per;
  }

  /** The largest {@code max_model_len} whose one request fits, at most {@code cap} (0 = no cap). */
  long largestContext(long cap) {
    long lo = 0;
    long hi = cap > 0 ? cap : 1L << 26;
    if (blocksPerRequest(hi) <= numBlocks) {
      return hi;
    }
    while (lo < hi) {
      long mid = (lo + hi + 1) >>> 1;
      if (blocksPerRequest(mid) <= numBlocks) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }
}
