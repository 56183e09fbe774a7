package dev.paramscope.model;

/**
 * The token mixer of one decoder layer: classic multi-head attention (with grouped or
 * multi-query key/value heads), DeepSeek's multi-head latent attention, a recurrent mixer
 * (linear attention, state space) that keeps a fixed-size state instead of a KV cache, or none
 * (an MLP-only layer).
 */
public sealed interface Attention permits MultiHeadAttention, LatentAttention, RecurrentMixer, NoMixer {
  /** Number of query heads. */
  int numHeads();
}
