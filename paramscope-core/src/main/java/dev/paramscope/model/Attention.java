package dev.paramscope.model;

/**
 * The self-attention block of one decoder layer: either classic multi-head attention (with
 * grouped or multi-query key/value heads) or DeepSeek's multi-head latent attention.
 */
public sealed interface Attention permits MultiHeadAttention, LatentAttention {
  /** Number of query heads. */
  int numHeads();
}
