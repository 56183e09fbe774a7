package dev.paramscope.memory;

import dev.paramscope.model.Attention;
import dev.paramscope.model.DecoderLayer;
import dev.paramscope.model.LatentAttention;
import dev.paramscope.model.LayerKind;
import dev.paramscope.model.ModelArchitecture;
import dev.paramscope.model.MultiHeadAttention;
import dev.paramscope.model.RecurrentMixer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What each layer caches per sequence while generating, as the architecture stores it.
 *
 * <ul>
 *   <li>MHA/GQA/MQA: keys and values of every KV head: {@code 2 × num_key_value_heads × head_dim}
 *       values per token per layer, with the explicit {@code head_dim} (Ainslie et al. 2023, GQA).
 *   <li>MLA (DeepSeek-V2 §2.1): the compressed latent and the decoupled rope key,
 *       {@code kv_lora_rank + qk_rope_head_dim} values per token per layer; with DeepSeek Sparse
 *       Attention (V3.2) the lightning indexer's key adds {@code index_head_dim} values.
 *   <li>A layer that shares an earlier layer's keys and values (Gemma 3n's last
 *       {@code num_kv_shared_layers}, {@code Gemma3nTextAttention.is_kv_shared_layer}) caches
 *       nothing: it reads the cache of the last earlier layer of its kind.
 *   <li>Sliding-window layers hold {@code min(context, window)} tokens (Mistral, Gemma 2/3,
 *       gpt-oss), chunked layers {@code min(context, chunk)} (Llama 4), full-attention layers
 *       the whole context.
 *   <li>Recurrent layers (Gated DeltaNet, Mamba-2) hold a constant state per sequence, whatever
 *       the context: the recurrent state plus {@code kernel - 1} past convolution inputs. It is
 *       kept at 16 bits (the model's BF16, as vLLM's {@code mamba_ssm_cache_dtype} "auto" does),
 *       4 bytes when the KV dtype is FP32; a quantized KV dtype does not quantize it. A Mamba SSM
 *       state the config asks to cache in FP32 (Nemotron-H's {@code mamba_ssm_cache_dtype}) is 4 bytes.
 * </ul>
 * {@link #bytes} is the per-token KV cache; {@link #stateBytes} the constant recurrent state.
 * Precomputes per-layer constants once so a sweep evaluates without allocating.
 */
public final class KvCache {
  private final long[] valuesPerToken;
  private final int[] window;
  private final int[] chunk;
  private final long[] stateValues;
  private final long[] float32StateValues;
  private final LayerKind[] kinds;
  private final long fullLayerValuesPerToken;
  private final String modelType;

  public KvCache(ModelArchitecture arch) {
    int n = arch.numLayers();
    modelType = arch.modelType();
    valuesPerToken = new long[n];
    window = new int[n];
    chunk = new int[n];
    stateValues = new long[n];
    float32StateValues = new long[n];
    kinds = new LayerKind[n];
    long full = 0;
    for (int i = 0; i < n; i++) {
      DecoderLayer layer = arch.layers().get(i);
      valuesPerToken[i] = layer.sharesKeyValues() ? 0 : valuesPerToken(layer.attention());
      window[i] = layer.slidingWindow();
      chunk[i] = layer.attentionChunkSize();
      kinds[i] = layer.kind();
      RecurrentMixer r = layer.stateMixer();
      if (r != null) {
        stateValues[i] = r.float32State() ? r.convStateValues() : Math.addExact(r.stateValues(), r.convStateValues());
        float32StateValues[i] = r.float32State() ? r.stateValues() : 0;
      }
      if (window[i] == 0 && chunk[i] == 0) {
        full += valuesPerToken[i];
      }
    }
    fullLayerValuesPerToken = full;
  }

  static long valuesPerToken(Attention attention) {
    if (attention instanceof LatentAttention mla) {
      long latent = (long) mla.kvLoraRank() + mla.qkRopeHeadDim();
      return mla.indexer() == null ? latent : latent + mla.indexer().headDim();
    }
    if (attention instanceof RecurrentMixer || attention instanceof dev.paramscope.model.NoMixer) {
      return 0;
    }
    MultiHeadAttention mha = (MultiHeadAttention) attention;
    return 2L * mha.numKeyValueHeads() * mha.headDim();
  }

  /** Bytes one token adds in the full-attention layers of one sequence. */
  public long bytesPerTokenFullLayers(KvDtype dtype) {
    long bytes = 0;
    for (int i = 0; i < valuesPerToken.length; i++) {
      if (window[i] == 0 && chunk[i] == 0) {
        bytes = Math.addExact(bytes, dtype.bytesFor(valuesPerToken[i]));
      }
    }
    return bytes;
  }

  /** Values per token summed over the full-attention layers. */
  public long fullLayerValuesPerToken() {
    return fullLayerValuesPerToken;
  }

  /** KV-cache bytes (attention layers only) for {@code batch} sequences of {@code context} tokens, windows kept. */
  public long bytes(long context, long batch, KvDtype dtype) {
    return bytes(context, batch, dtype, SlidingWindowPolicy.WINDOW);
  }

  /** KV-cache bytes as a runtime sizes window and chunked layers ({@link SlidingWindowPolicy}). */
  public long bytes(long context, long batch, KvDtype dtype, SlidingWindowPolicy policy) {
    long bytes = 0;
    for (int i = 0; i < valuesPerToken.length; i++) {
      bytes = Math.addExact(bytes, layerKvBytes(i, context, batch, dtype, policy));
    }
    return bytes;
  }

  private long layerKvBytes(int i, long context, long batch, KvDtype dtype, SlidingWindowPolicy policy) {
    if (valuesPerToken[i] == 0) {
      return 0;
    }
    long held = policy.heldTokens(window[i], chunk[i], context, batch, modelType);
    return Math.multiplyExact(held, dtype.bytesFor(valuesPerToken[i]));
  }

  /** KV-cache bytes of layer {@code i} for {@code batch} sequences of {@code context} tokens. */
  long layerBytes(int i, long context, long batch, KvDtype dtype, SlidingWindowPolicy policy) {
    return layerKvBytes(i, context, batch, dtype, policy);
  }

  /** Bytes of one recurrent-state value: 4 with an FP32 KV dtype, else 2 (see the class comment). */
  public static long stateBytesPerValue(KvDtype dtype) {
    return dtype == KvDtype.FP32 ? 4 : 2;
  }

  /** Constant recurrent-state bytes (recurrent layers only) for {@code batch} sequences, any context. */
  public long stateBytes(long batch, KvDtype dtype) {
    long perSequence = 0;
    for (int i = 0; i < stateValues.length; i++) {
      perSequence = Math.addExact(perSequence, layerStateBytes(i, dtype));
    }
    return Math.multiplyExact(perSequence, batch);
  }

  /** One sequence's state bytes in layer {@code i}: FP32 SSM state where the config asks for it. */
  private long layerStateBytes(int i, KvDtype dtype) {
    return Math.addExact(Math.multiplyExact(stateValues[i], stateBytesPerValue(dtype)),
        Math.multiplyExact(float32StateValues[i], 4));
  }

  /**
   * Values layer {@code i} caches per token of one sequence, all KV heads together (MHA: K and V;
   * MLA: latent, rope key and any DSA indexer key); 0 for a recurrent layer.
   */
  public long layerValuesPerToken(int i) {
    return valuesPerToken[i];
  }

  /** Values of the constant recurrent state (SSM or linear-attention state plus convolution state) of layer {@code i}. */
  public long layerStateValues(int i) {
    return Math.addExact(stateValues[i], float32StateValues[i]);
  }

  /** What layer {@code i} keeps per sequence. */
  public LayerKind kind(int i) {
    return kinds[i];
  }

  /** Sliding window of layer {@code i} in tokens, 0 when none. */
  public int window(int i) {
    return window[i];
  }

  /** Attention chunk of layer {@code i} in tokens, 0 when not chunked. */
  public int chunk(int i) {
    return chunk[i];
  }

  /** Number of layers that use a sliding window. */
  public int slidingLayers() {
    int n = 0;
    for (int w : window) {
      n += w > 0 ? 1 : 0;
    }
    return n;
  }

  /** Number of layers of one kind. */
  public int layers(LayerKind kind) {
    int n = 0;
    for (LayerKind k : kinds) {
      n += k == kind ? 1 : 0;
    }
    return n;
  }

  /**
   * KV and state bytes per layer kind, in {@link LayerKind} order, kinds the model lacks left out.
   *
   * @param layers how many layers are of this kind
   * @param kvCacheBytes their KV cache for the batch at the context
   * @param stateBytes their constant recurrent state for the batch
   */
  public record KindShare(LayerKind kind, int layers, long kvCacheBytes, long stateBytes) {}

  /** The per-layer-kind breakdown of {@link #bytes} and {@link #stateBytes}; each column sums to them. */
  public List<KindShare> byKind(long context, long batch, KvDtype dtype) {
    return byKind(context, batch, dtype, SlidingWindowPolicy.WINDOW);
  }

  /** {@link #byKind(long, long, KvDtype)} under a runtime's window policy. */
  public List<KindShare> byKind(long context, long batch, KvDtype dtype, SlidingWindowPolicy policy) {
    Map<LayerKind, long[]> sums = new EnumMap<>(LayerKind.class);
    for (int i = 0; i < kinds.length; i++) {
      long[] s = sums.computeIfAbsent(kinds[i], k -> new long[3]);
      s[0]++;
      s[1] = Math.addExact(s[1], layerKvBytes(i, context, batch, dtype, policy));
      s[2] = Math.addExact(s[2], Math.multiplyExact(layerStateBytes(i, dtype), batch));
    }
    List<KindShare> out = new ArrayList<>();
    sums.forEach((kind, s) -> out.add(new KindShare(kind, (int) s[0], s[1], s[2])));
    return out;
  }
}
