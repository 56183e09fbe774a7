package dev.paramscope.model;

/**
 * The lightning indexer of DeepSeek Sparse Attention (DeepSeek-V3.2-Exp technical report,
 * section 2.1; {@code DeepseekV32Indexer}, modeling_deepseek_v32.py): it scores past tokens with
 * {@code index_n_heads} small heads and lets MLA attend to the top {@code index_topk}. It stores
 * {@code wq_b} (q_lora_rank → heads·d), {@code wk} (hidden → d), a LayerNorm {@code k_norm}
 * over d with bias, and {@code weights_proj} (hidden → heads), and caches one key of
 * {@code index_head_dim} values per token per layer beside the MLA latent.
 *
 * @param numHeads {@code index_n_heads}
 * @param headDim {@code index_head_dim}
 * @param topK {@code index_topk}: tokens each query attends to
 */
public record SparseIndexer(int numHeads, int headDim, int topK) {
  public SparseIndexer {
    if (numHeads <= 0 || headDim <= 0 || topK <= 0) {
      throw new IllegalArgumentException("index_n_heads, index_head_dim and index_topk must be positive");
    }
  }
}
