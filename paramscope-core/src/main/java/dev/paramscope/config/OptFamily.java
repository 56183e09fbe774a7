package dev.paramscope.config;

import dev.paramscope.model.DecoderLayer;
import dev.paramscope.model.DenseMlp;
import dev.paramscope.model.MultiHeadAttention;
import dev.paramscope.model.Norm;
import dev.paramscope.model.NormKind;
import java.util.List;

/**
 * OPT ({@code OPTConfig}, modeling_opt.py): learned positions with an offset of 2 rows
 * ({@code OPTLearnedPositionalEmbedding}), q/k/v/out and {@code fc1}/{@code fc2} with
 * {@code enable_bias}, LayerNorms with {@code layer_norm_elementwise_affine}; a final norm only
 * when {@code do_layer_norm_before} and not {@code _remove_final_layer_norm}; token embeddings
 * of {@code word_embed_proj_dim} with {@code project_in}/{@code project_out} when it differs
 * from {@code hidden_size} (OPT-350m); head tied.
 */
final class OptFamily implements Family {
  static final int DEFAULT_VOCAB_SIZE = 50272;
  static final int DEFAULT_FFN_DIM = 3072;
  static final int DEFAULT_HEADS = 12;
  static final int DEFAULT_MAX_POSITIONS = 2048;
  /** OPTLearnedPositionalEmbedding stores max_position_embeddings + 2 rows. */
  static final int POSITION_OFFSET = 2;

  @Override
  public List<String> modelTypes() {
    return List.of("opt");
  }

  @Override
  public void read(ConfigObject c, String modelType, ArchitectureBuilder arch) {
    int hidden = c.required("hidden_size");
    int layers = c.layerCount("num_hidden_layers");
    int heads = c.positive(DEFAULT_HEADS, "num_attention_heads");
    int headDim = DecoderShape.dividedHeadDim(c, hidden, heads);
    boolean bias = c.bool("enable_bias", true);
    NormKind norm = c.bool("layer_norm_elementwise_affine", true) ? NormKind.LAYER_NORM : NormKind.NON_PARAMETRIC;
    int ffn = c.positive(DEFAULT_FFN_DIM, "ffn_dim");
    arch.vocabSize = c.positive(DEFAULT_VOCAB_SIZE, "vocab_size");
    arch.hiddenSize = hidden;
    arch.embeddingSize = c.positive(hidden, "word_embed_proj_dim");
    arch.maxPositionEmbeddings = c.positive(DEFAULT_MAX_POSITIONS, "max_position_embeddings");
    arch.learnedPositions = Math.addExact(arch.maxPositionEmbeddings, POSITION_OFFSET);
    arch.tieWordEmbeddings = c.bool("tie_word_embeddings", true);
    for (int i = 0; i < layers; i++) {
      arch.layers.add(new DecoderLayer(
          new MultiHeadAttention(heads, heads, headDim, bias, bias, List.of(), false),
          new DenseMlp(ffn, false, bias),
          List.of(new Norm("self_attn_layer_norm", norm, hidden), new Norm("final_layer_norm", norm, hidden)),
          0));
    }
    boolean finalNorm = c.bool("do_layer_norm_before", true) && !c.bool("_remove_final_layer_norm", false);
    arch.finalNorms = finalNorm ? List.of(new Norm("final_layer_norm", norm, hidden)) : List.of();
  }
}
