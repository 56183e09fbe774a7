package dev.paramscope.config;

import dev.paramscope.model.DenseMlp;
import dev.paramscope.model.MultiHeadAttention;
import dev.paramscope.model.Norm;
import dev.paramscope.model.NormKind;
import java.util.List;
import java.util.Locale;

/**
 * The common sizes of a rotary decoder (Llama and its descendants) read from the standard keys
 * with a family's defaults, validated; plus shortcuts to build that decoder's blocks.
 */
record DecoderShape(
    int vocabSize,
    int hiddenSize,
    int intermediateSize,
    int numLayers,
    int numHeads,
    int numKeyValueHeads,
    int headDim,
    int maxPositionEmbeddings,
    boolean tieWordEmbeddings) {

  static DecoderShape read(ConfigObject c, FamilyDefaults d) {
    int hidden = c.required("hidden_size");
    int layers = c.layerCount("num_hidden_layers");
    int heads = c.positive(d.numAttentionHeads(), "num_attention_heads");
    int kvHeads = c.positive(d.numKeyValueHeads() == 0 ? heads : d.numKeyValueHeads(),
        "num_key_value_heads");
    int headDim = c.has("head_dim") ? c.positive(0, "head_dim")
        : d.headDim() != 0 ? d.headDim() : dividedHeadDim(c, hidden, heads);
    checkKeyValueHeads(c, heads, kvHeads);
    return new DecoderShape(
        c.positive(d.vocabSize(), "vocab_size"),
        hidden,
        c.positive(d.intermediateSize(), "intermediate_size"),
        layers, heads, kvHeads, headDim,
        c.positive(d.maxPositionEmbeddings(), "max_position_embeddings"),
        c.bool("tie_word_embeddings", d.tieWordEmbeddings()));
  }

  /** hidden / heads, failing when the heads do not divide the hidden size. */
  static int dividedHeadDim(ConfigObject c, int hidden, int heads) {
    if (hidden % heads != 0) {
      throw c.problem(String.format(Locale.ROOT,
          "hidden_size (%d) must be divisible by num_attention_heads (%d)", hidden, heads));
    }
    return hidden / heads;
  }

  static void checkKeyValueHeads(ConfigObject c, int heads, int kvHeads) {
    if (heads % kvHeads != 0) {
      throw c.problem(String.format(Locale.ROOT,
          "num_key_value_heads (%d) must divide num_attention_heads (%d)", kvHeads, heads));
    }
  }

  /** A norm of the given kind over the hidden size. */
  Norm norm(String name, NormKind kind) {
    return new Norm(name, kind, hiddenSize);
  }

  /** The two pre-norms of a Llama layer ({@code input_layernorm}, {@code post_attention_layernorm}). */
  List<Norm> preNorms(NormKind kind) {
    return List.of(norm("input_layernorm", kind), norm("post_attention_layernorm", kind));
  }

  /** Grouped-query attention with this shape's heads. */
  MultiHeadAttention attention(boolean qkvBias, boolean outputBias, List<Norm> qkNorms, boolean sinks) {
    return new MultiHeadAttention(numHeads, numKeyValueHeads, headDim, qkvBias, outputBias, qkNorms, sinks);
  }

  /** RMS q_norm and k_norm over one head (Qwen 3, Gemma 3, GLM-4.5 with use_qk_norm). */
  List<Norm> perHeadRmsQkNorms() {
    return List.of(new Norm("q_norm", NormKind.RMS_NORM, headDim), new Norm("k_norm", NormKind.RMS_NORM, headDim));
  }

  /** A gated MLP of {@code intermediate_size}. */
  DenseMlp gatedMlp(boolean bias) {
    return new DenseMlp(intermediateSize, true, bias);
  }
}
