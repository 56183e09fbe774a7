package dev.paramscope.model;

/**
 * Multi-head latent attention (MLA), DeepSeek-V2 paper (arXiv:2405.04434) section 2.1:
 * queries optionally through a low-rank bottleneck, keys and values through a shared
 * compressed latent plus a decoupled rotary key.
 *
 * @param numHeads attention heads
 * @param qLoraRank rank of the query bottleneck; 0 means a plain {@code q_proj} (DeepSeek-V2-Lite)
 * @param kvLoraRank rank of the key/value latent
 * @param qkNopeHeadDim per-head query/key width without rotary embedding
 * @param qkRopeHeadDim per-head query/key width with rotary embedding (the key part is shared)
 * @param vHeadDim per-head value width
 * @param bias whether the projections have biases ({@code attention_bias})
 * @param indexer DeepSeek Sparse Attention's lightning indexer (DeepSeek-V3.2), or null
 */
public record LatentAttention(
    int numHeads,
    int qLoraRank,
    int kvLoraRank,
    int qkNopeHeadDim,
    int qkRopeHeadDim,
    int vHeadDim,
    boolean bias,
    SparseIndexer indexer)
    implements Attention {
  public LatentAttention {
    if (numHeads <= 0 || qLoraRank < 0 || kvLoraRank <= 0 || qkNopeHeadDim < 0
        || qkRopeHeadDim < 0 || vHeadDim <= 0 || qkNopeHeadDim + qkRopeHeadDim <= 0) {
      throw new IllegalArgumentException("latent attention dimensions must be positive");
    }
  }

  /** Dense MLA, without an indexer. */
  public LatentAttention(int numHeads, int qLoraRank, int kvLoraRank, int qkNopeHeadDim, int qkRopeHeadDim,
      int vHeadDim, boolean bias) {
    this(numHeads, qLoraRank, kvLoraRank, qkNopeHeadDim, qkRopeHeadDim, vHeadDim, bias, null);
  }

  /** Per-head query/key width: {@code qkNopeHeadDim + qkRopeHeadDim}. */
  public int qkHeadDim() {
    return qkNopeHeadDim + qkRopeHeadDim;
  }
}
