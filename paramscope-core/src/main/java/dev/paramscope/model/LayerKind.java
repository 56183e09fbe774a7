package dev.paramscope.model;

/**
 * What one decoder layer keeps per sequence while generating, which decides its memory cost:
 * attention layers keep keys and values per token (all of them, a sliding window, or one chunk),
 * recurrent layers keep a fixed-size state however long the context, parallel hybrid layers both.
 */
public enum LayerKind {
  /** Multi-head, grouped-query or multi-query attention over the whole context. */
  FULL_ATTENTION("full_attention"),
  /** Attention over the last {@code sliding_window} tokens (Mistral, Gemma 2/3, gpt-oss). */
  SLIDING_ATTENTION("sliding_attention"),
  /** Attention within fixed chunks of {@code attention_chunk_size} tokens (Llama 4 local layers). */
  CHUNKED_ATTENTION("chunked_attention"),
  /** DeepSeek multi-head latent attention over the whole context. */
  LATENT_ATTENTION("latent_attention"),
  /** MLA with DeepSeek Sparse Attention's lightning indexer and its key cache (DeepSeek-V3.2). */
  SPARSE_LATENT_ATTENTION("sparse_latent_attention"),
  /** Linear attention with a constant recurrent state (Gated DeltaNet, Kimi Delta Attention). */
  LINEAR_ATTENTION("linear_attention"),
  /** A Mamba-2 state-space layer with a constant SSM and convolution state. */
  MAMBA("mamba"),
  /**
   * Attention over the whole context with a Mamba-2 mixer beside it on the same input (Falcon-H1's
   * {@code hybrid} layers): keys and values per token plus a constant SSM and convolution state.
   */
  PARALLEL_HYBRID("hybrid"),
  /** A gated short convolution keeping its last few inputs (LFM2). */
  SHORT_CONVOLUTION("short_conv"),
  /**
   * A layer with a feed-forward block and no token mixer (Nemotron-H's {@code -}, Nemotron 3's
   * {@code E}): nothing cached.
   */
  FEED_FORWARD("mlp");

  private final String jsonKey;

  LayerKind(String jsonKey) {
    this.jsonKey = jsonKey;
  }

  /** The snake_case key used in JSON and CSV output (the {@code layer_types} spelling where one exists). */
  public String jsonKey() {
    return jsonKey;
  }

  /** True for layers whose cache grows with the context. */
  public boolean cachesTokens() {
    return this != LINEAR_ATTENTION && this != MAMBA && this != SHORT_CONVOLUTION && this != FEED_FORWARD;
  }
}
