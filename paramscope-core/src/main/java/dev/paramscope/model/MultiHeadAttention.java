package dev.paramscope.model;

import java.util.List;

/**
 * Multi-head attention (Vaswani et al. 2017) with grouped-query (Ainslie et al. 2023) or
 * multi-query (Shazeer 2019) key/value heads: q, k, v and output projections, stored fused or
 * separate (the count is the same).
 *
 * @param numHeads query heads
 * @param numKeyValueHeads key/value heads; divides {@code numHeads}
 * @param headDim width of one head (not necessarily hidden / heads: Gemma, Qwen 3)
 * @param qkvBias whether the q, k and v projections have biases
 * @param outputBias whether the output projection has a bias
 * @param qkNorms q/k normalization layers (Qwen 3, Gemma 3, OLMo 2, ...); empty when none
 * @param sinks whether each head has a learned attention-sink logit (gpt-oss)
 * @param outputGate whether {@code q_proj} also produces a sigmoid gate per query channel, so it
 *     is twice as wide (Qwen3-Next {@code attn_output_gate}; Qiu et al. 2025, arXiv:2505.06708)
 */
public record MultiHeadAttention(
    int numHeads,
    int numKeyValueHeads,
    int headDim,
    boolean qkvBias,
    boolean outputBias,
    List<Norm> qkNorms,
    boolean sinks,
    boolean outputGate)
    implements Attention {
  public MultiHeadAttention {
    if (numHeads <= 0 || numKeyValueHeads <= 0 || headDim <= 0) {
      throw new IllegalArgumentException("heads and head_dim must be positive");
    }
    if (numHeads % numKeyValueHeads != 0) {
      throw new IllegalArgumentException(
          "num_key_value_heads (" + numKeyValueHeads + ") must divide num_attention_heads (" + numHeads + ")");
    }
    qkNorms = List.copyOf(qkNorms);
  }

  /** Attention without an output gate. */
  public MultiHeadAttention(int numHeads, int numKeyValueHeads, int headDim, boolean qkvBias, boolean outputBias,
      List<Norm> qkNorms, boolean sinks) {
    this(numHeads, numKeyValueHeads, headDim, qkvBias, outputBias, qkNorms, sinks, false);
  }

  /** Width of all query heads together: {@code numHeads * headDim}. */
  public long queryWidth() {
    return Math.multiplyExact((long) numHeads, headDim);
  }

  /** Width of all key (or value) heads together: {@code numKeyValueHeads * headDim}. */
  public long keyValueWidth() {
    return Math.multiplyExact((long) numKeyValueHeads, headDim);
  }
}
