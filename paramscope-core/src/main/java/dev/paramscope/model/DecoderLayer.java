package dev.paramscope.model;

import java.util.List;
import java.util.Objects;

/**
 * One decoder layer. Architectures list one per layer so heterogeneous stacks (dense first
 * layers, alternating sliding windows) are explicit.
 *
 * @param attention the self-attention block
 * @param feedForward the feed-forward block
 * @param norms the layer's own normalization layers (not the attention's q/k norms)
 * @param slidingWindow attention window in tokens; 0 = full (global) attention
 * @param attentionChunkSize tokens per attention chunk for chunked local attention (Llama 4's
 *     {@code attention_chunk_size}: a token attends only within its chunk); 0 = not chunked
 * @param parallelMixer a recurrent mixer that runs beside the attention on the same normed input,
 *     its output summed with the attention's (Falcon-H1's parallel hybrid layers: a Mamba-2 mixer
 *     beside grouped-query attention), so the layer keeps keys and values per token and a constant
 *     state; null when the layer has one mixer
 * @param auxiliaryParams learned parameters of the layer outside its mixer, feed-forward block
 *     and norms (Gemma 3n's AltUp, LAuReL and per-layer-input gate and projection); 0 for most
 * @param sharesKeyValues true when the layer attends over the keys and values an earlier layer of
 *     the same kind cached and caches none itself (Gemma 3n's last {@code num_kv_shared_layers});
 *     its k/v projections are still stored
 */
public record DecoderLayer(
    Attention attention, FeedForward feedForward, List<Norm> norms, int slidingWindow, int attentionChunkSize,
    RecurrentMixer parallelMixer, long auxiliaryParams, boolean sharesKeyValues) {
  public DecoderLayer {
    Objects.requireNonNull(attention, "attention");
    Objects.requireNonNull(feedForward, "feedForward");
    norms = List.copyOf(norms);
    if (slidingWindow < 0 || attentionChunkSize < 0) {
      throw new IllegalArgumentException("sliding window and chunk size must not be negative");
    }
    if (slidingWindow > 0 && attentionChunkSize > 0) {
      throw new IllegalArgumentException("a layer is either sliding or chunked, not both");
    }
    if (parallelMixer != null && (attention instanceof RecurrentMixer || attention instanceof NoMixer)) {
      throw new IllegalArgumentException("a parallel recurrent mixer runs beside attention, not beside another mixer");
    }
    if (auxiliaryParams < 0) {
      throw new IllegalArgumentException("auxiliary parameters must not be negative: " + auxiliaryParams);
    }
  }

  /** A layer with its own auxiliary parameters and, when {@code sharesKeyValues}, no cache of its own (Gemma 3n). */
  public DecoderLayer(Attention attention, FeedForward feedForward, List<Norm> norms, int slidingWindow,
      int attentionChunkSize, long auxiliaryParams, boolean sharesKeyValues) {
    this(attention, feedForward, norms, slidingWindow, attentionChunkSize, null, auxiliaryParams, sharesKeyValues);
  }

  /** A parallel hybrid layer (Falcon-H1): attention with {@code parallelMixer} beside it. */
  public DecoderLayer(Attention attention, FeedForward feedForward, List<Norm> norms, int slidingWindow,
      int attentionChunkSize, RecurrentMixer parallelMixer) {
    this(attention, feedForward, norms, slidingWindow, attentionChunkSize, parallelMixer, 0, false);
  }

  /** A layer with one mixer. */
  public DecoderLayer(Attention attention, FeedForward feedForward, List<Norm> norms, int slidingWindow,
      int attentionChunkSize) {
    this(attention, feedForward, norms, slidingWindow, attentionChunkSize, null, 0, false);
  }

  /** A layer with one mixer and without chunked attention. */
  public DecoderLayer(Attention attention, FeedForward feedForward, List<Norm> norms, int slidingWindow) {
    this(attention, feedForward, norms, slidingWindow, 0, null, 0, false);
  }

  /**
   * The recurrent mixer whose constant state this layer keeps: the layer's own mixer when it is
   * recurrent, else the parallel one; null for a layer that keeps no state.
   */
  public RecurrentMixer stateMixer() {
    return attention instanceof RecurrentMixer recurrent ? recurrent : parallelMixer;
  }

  /** What this layer keeps per sequence, from its mixer, window and chunking. */
  public LayerKind kind() {
    if (parallelMixer != null) {
      return LayerKind.PARALLEL_HYBRID;
    }
    if (attention instanceof RecurrentMixer recurrent) {
      return recurrent.kind();
    }
    if (attention instanceof NoMixer) {
      return LayerKind.FEED_FORWARD;
    }
    if (attention instanceof LatentAttention mla) {
      return mla.indexer() != null ? LayerKind.SPARSE_LATENT_ATTENTION : LayerKind.LATENT_ATTENTION;
    }
    if (attentionChunkSize > 0) {
      return LayerKind.CHUNKED_ATTENTION;
    }
    return slidingWindow > 0 ? LayerKind.SLIDING_ATTENTION : LayerKind.FULL_ATTENTION;
  }

  /**
   * Tokens of a {@code context}-token sequence this layer's cache holds: the whole context for
   * full attention, {@code min(context, window)} for sliding and {@code min(context, chunk)}
   * for chunked layers (the current chunk; vLLM's chunked local attention), 0 for recurrent and
   * mixer-less ones and for layers that share an earlier layer's cache. A parallel hybrid layer
   * caches what its attention does.
   */
  public long cachedTokens(long context) {
    if (attention instanceof RecurrentMixer || attention instanceof NoMixer || sharesKeyValues) {
      return 0;
    }
    if (attentionChunkSize > 0) {
      return Math.min(context, attentionChunkSize);
    }
    return slidingWindow > 0 ? Math.min(context, slidingWindow) : context;
  }
}
