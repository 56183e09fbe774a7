package dev.paramscope.memory;

import dev.paramscope.model.Attention;
import dev.paramscope.model.DecoderLayer;
import dev.paramscope.model.LatentAttention;
import dev.paramscope.model.ModelArchitecture;
import dev.paramscope.model.MultiHeadAttention;

/**
 * KV-cache size, per layer, as the architecture stores it.
 *
 * <ul>
 *   <li>MHA/GQA/MQA: keys and values of every KV head: {@code 2 × num_key_value_heads × head_dim}
 *       values per token per layer, with the explicit {@code head_dim} (Ainslie et al. 2023, GQA).
 *   <li>MLA (DeepSeek-V2 §2.1): the compressed latent and the decoupled rope key,
 *       {@code kv_lora_rank + qk_rope_head_dim} values per token per layer.
 *   <li>Sliding-window layers hold {@code min(context, window)} tokens (Mistral, Gemma 2/3,
 *       gpt-oss); full-attention layers hold the whole context.
 * </ul>
 * Precomputes per-layer constants once so a sweep evaluates without allocating.
 */
public final class KvCache {
  private final long[] valuesPerToken;
  private final int[] window;
  private final long fullLayerValuesPerToken;

  public KvCache(ModelArchitecture arch) {
    int n = arch.numLayers();
    valuesPerToken = new long[n];
    window = new int[n];
    long full = 0;
    for (int i = 0; i < n; i++) {
      DecoderLayer layer = arch.layers().get(i);
      valuesPerToken[i] = valuesPerToken(layer.attention());
      window[i] = layer.slidingWindow();
      if (window[i] == 0) {
        full += valuesPerToken[i];
      }
    }
    fullLayerValuesPerToken = full;
  }

  static long valuesPerToken(Attention attention) {
    if (attention instanceof LatentAttention mla) {
      return (long) mla.kvLoraRank() + mla.qkRopeHeadDim();
    }
    MultiHeadAttention mha = (MultiHeadAttention) attention;
    return 2L * mha.numKeyValueHeads() * mha.headDim();
  }

  /** Bytes one token adds in the full-attention layers of one sequence. */
  public long bytesPerTokenFullLayers(KvDtype dtype) {
    long bytes = 0;
    for (int i = 0; i < valuesPerToken.length; i++) {
      if (window[i] == 0) {
        bytes = Math.addExact(bytes, dtype.bytesFor(valuesPerToken[i]));
      }
    }
    return bytes;
  }

  /** Values per token summed over the full-attention layers. */
  public long fullLayerValuesPerToken() {
    return fullLayerValuesPerToken;
  }

  /** Total bytes for {@code batch} sequences of {@code context} tokens. */
  public long bytes(long context, long batch, KvDtype dtype) {
    long perSequence = 0;
    for (int i = 0; i < valuesPerToken.length; i++) {
      long held = window[i] == 0 ? context : Math.min(context, window[i]);
      perSequence = Math.addExact(perSequence, Math.multiplyExact(held, dtype.bytesFor(valuesPerToken[i])));
    }
    return Math.multiplyExact(perSequence, batch);
  }

  /** Number of layers that use a sliding window. */
  public int slidingLayers() {
    int n = 0;
    for (int w : window) {
      n += w > 0 ? 1 : 0;
    }
    return n;
  }
}
