package dev.paramscope.count;

/** The parts a parameter count is broken into, in report order. */
public enum Component {
  /**
   * Token embedding, plus learned absolute position embeddings where the model has them and
   * Gemma 3n's per-layer embeddings.
   */
  EMBEDDINGS("embeddings"),
  /**
   * Token mixers: attention projections, their biases, q/k norms, MLA latent norms, attention
   * sinks, the DeepSeek Sparse Attention indexer, and linear-attention/state-space layers.
   */
  ATTENTION("attention"),
  /** Dense feed-forward blocks. */
  MLP("mlp"),
  /** All routed experts of all mixture-of-experts layers. */
  ROUTED_EXPERTS("routed_experts"),
  /** Always-active shared experts. */
  SHARED_EXPERTS("shared_experts"),
  /** Router projections, their biases, score-correction biases and shared-expert gates. */
  ROUTER("router"),
  /** Layer, embedding and final normalization layers. */
  NORMS("norms"),
  /** The output head when it is not tied to the embedding, plus its bias if any. */
  LM_HEAD("lm_head"),
  /** A multimodal checkpoint's vision encoder (not active per text token). */
  VISION("vision"),
  /** The projector from the vision encoder into the language model (not active per text token). */
  PROJECTOR("projector"),
  /**
   * A multimodal checkpoint's audio encoder and its projector into the language model (Gemma 3n;
   * not active per text token).
   */
  AUDIO("audio"),
  /**
   * Anything else the body stores: OPT's project_in / project_out, Gemma 3n's AltUp, LAuReL and
   * per-layer-input projections, the latent projections around Nemotron 3's routed experts.
   */
  OTHER("other");

  private final String jsonKey;

  Component(String jsonKey) {
    this.jsonKey = jsonKey;
  }

  /** The snake_case key used in JSON and CSV output. */
  public String jsonKey() {
    return jsonKey;
  }
}
