package dev.paramscope.memory;

import dev.paramscope.model.Attention;
import dev.paramscope.model.LatentAttention;
import dev.paramscope.model.ModelArchitecture;
import dev.paramscope.model.MultiHeadAttention;
import java.util.ArrayList;
import java.util.List;

/**
 * How far each layer's KV cache splits over tensor-parallel GPUs. Tensor parallelism splits the
 * cache by KV head, so a GQA layer with {@code k} KV heads splits at most {@code k} ways: beyond
 * that each head is replicated ({@code max(1, k / tp)} heads per rank, vLLM {@code
 * ModelConfig.get_num_kv_heads} and {@code QKVParallelLinear}; plan.Parallelism applies the same
 * rule). An MLA layer caches one latent shared by all heads (DeepSeek-V2 §2.1), which has no head
 * to split: every rank holds the whole latent cache (vLLM's MLA backends keep the full {@code
 * kv_lora_rank + qk_rope_head_dim} latent on each TP rank). Recurrent layers cache no KV.
 */
public final class KvSplit {
  private final int[] waysPerLayer;
  private final int[] distinctWays;

  public KvSplit(ModelArchitecture arch) {
    int n = arch.numLayers();
    waysPerLayer = new int[n];
    List<Integer> distinct = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      waysPerLayer[i] = ways(arch.layers().get(i).attention());
      if (!distinct.contains(waysPerLayer[i])) {
        distinct.add(waysPerLayer[i]);
      }
    }
    distinctWays = distinct.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The most GPUs one layer's cache can split over. */
  static int ways(Attention attention) {
    if (attention instanceof MultiHeadAttention mha) {
      return mha.numKeyValueHeads();
    }
    return attention instanceof LatentAttention ? 1 : Integer.MAX_VALUE;
  }

  /** KV-cache bytes each of {@code gpus} tensor-parallel GPUs holds (and reads every decode step). */
  public long bytesPerGpu(KvCache cache, long context, long batch, KvDtype dtype, int gpus) {
    return new MemoryEstimate(0, cache.bytes(context, batch, dtype), 0, 0, 0, 0,
        shares(cache, context, batch, dtype, SlidingWindowPolicy.WINDOW)).kvCacheBytesPerGpu(gpus);
  }

  /** The cache of {@code batch} sequences at {@code context} as {@code policy} sizes it, grouped by how far it splits. */
  List<MemoryEstimate.KvShare> shares(KvCache cache, long context, long batch, KvDtype dtype,
      SlidingWindowPolicy policy) {
    if (distinctWays.length == 1) {
      return List.of(new MemoryEstimate.KvShare(distinctWays[0], cache.bytes(context, batch, dtype, policy)));
    }
    List<MemoryEstimate.KvShare> out = new ArrayList<>(distinctWays.length);
    for (int ways : distinctWays) {
      long bytes = 0;
      for (int i = 0; i < waysPerLayer.length; i++) {
        if (waysPerLayer[i] == ways) {
          bytes = Math.addExact(bytes, cache.layerBytes(i, context, batch, dtype, policy));
        }
      }
      out.add(new MemoryEstimate.KvShare(ways, bytes));
    }
    return out;
  }
}
