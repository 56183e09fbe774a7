package dev.paramscope.plan;

import dev.paramscope.memory.KvCache;
import dev.paramscope.memory.KvDtype;
import java.util.Map;
import java.util.TreeMap;

/**
 * vLLM's paged KV pool on one rank (vllm/v1/core/kv_cache_utils.py, v0.10): layers grouped by
 * cache kind into groups of equal size that share one pool of {@code num_blocks} blocks of one
 * page size ({@code _get_kv_cache_config_uniform_page_size}).
 *
 * <ul>
 *   <li>Full-attention and MLA layers: one group kind; a request needs {@code cdiv(len, block_size)}
 *       blocks per group.
 *   <li>Sliding-window layers ({@code SlidingWindowSpec}): {@code cdiv(min(window − 1 +
 *       max_num_batched_tokens, len), block_size)} blocks per group.
 *   <li>Chunked local attention (Llama 4) counts as full attention: vLLM turns the hybrid KV cache
 *       manager off for it by default ("latency regression when using chunked local attention with
 *       the hybrid KV cache manager", {@code VllmConfig.__post_init__}, unless
 *       {@code VLLM_ALLOW_CHUNKED_LOCAL_ATTN_WITH_HYBRID_KV_CACHE=1}), and then every layer's spec
 *       is unified to full attention ({@code unify_hybrid_kv_cache_specs}).
 *   <li>Mamba and linear-attention layers ({@code MambaSpec}): one block per request per group
 *       holding the constant state (prefix caching off). To share one page size, the attention
 *       block size is raised to the smallest multiple of {@code block_size} whose page holds the
 *       largest layer state, and the state page is padded to it
 *       ({@code HybridAttentionMambaModelConfig.verify_and_update_config},
 *       vllm/model_executor/models/config.py).
 * </ul>
 */
final class KvPool {
  /** The group key of recurrent (Mamba, linear-attention) layers; windows are ≥ 0. */
  static final int RECURRENT = -1;
  private final long blockSize;
  private final long pageBytes;
  private final int groupSize;
  /** window (0 = full, {@link #RECURRENT} = state) → number of groups of that kind. */
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
    long tokenBytes = 0;
    long statePage = 0;
    long stateBytesPerValue = KvCache.stateBytesPerValue(dtype);
    for (int i = stage.firstLayer(); i < stage.firstLayer() + stage.layers(); i++) {
      int key = c.shards().recurrent(i) ? RECURRENT : c.shards().window(i);
      layersByWindow.merge(key, 1, Integer::sum);
      tokenBytes = Math.max(tokenBytes, c.shards().kvBytesPerTokenPerLayer(i, c.parallelism(), dtype));
      statePage = Math.max(statePage, c.shards().stateBytesPerLayer(i, c.parallelism(), stateBytesPerValue));
    }
    long block = blockSize;
    if (statePage > 0 && tokenBytes > 0) {
      block = Math.max(blockSize, ceilDiv(statePage, Math.multiplyExact(blockSize, tokenBytes)) * blockSize);
    }
    long page = Math.max(Math.multiplyExact(block, tokenBytes), statePage);
    int groupSize = layersByWindow.values().stream().mapToInt(Integer::intValue).min().orElse(1);
    Map<Integer, Integer> groups = new TreeMap<>();
    layersByWindow.forEach((w, n) -> groups.put(w, (n + groupSize - 1) / groupSize));
    long blocks = poolBytes / page / groupSize;
    return new KvPool(block, page, groupSize, groups, blocks, batchedTokens);
  }

  /** A pool of one group of full-attention layers holding {@code numBlocks} blocks (for checking vLLM's log lines). */
  static KvPool ofBlocks(long numBlocks, long blockSize) {
    return new KvPool(blockSize, 0, 1, new TreeMap<>(Map.of(0, 1)), numBlocks, 0);
  }

  /** Bytes one request of {@code len} tokens needs ({@code max_memory_usage_bytes} summed over layers). */
  long requestBytes(long len) {
    return Math.multiplyExact(Math.multiplyExact(blocksPerRequest(len), pageBytes), groupSize);
  }

  /** Tokens per attention block (raised above {@code --block-size} for a model with recurrent layers). */
  long blockSize() {
    return blockSize;
  }

  /** Bytes of one block of one layer. */
  long pageBytes() {
    return pageBytes;
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
      if (e.getKey() == RECURRENT) {
        blocks = Math.addExact(blocks, e.getValue());
        continue;
      }
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
