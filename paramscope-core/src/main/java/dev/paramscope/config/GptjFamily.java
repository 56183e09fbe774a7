package dev.paramscope.config;

import dev.paramscope.model.DecoderLayer;
import dev.paramscope.model.DenseMlp;
import dev.paramscope.model.MultiHeadAttention;
import dev.paramscope.model.Norm;
import dev.paramscope.model.NormKind;
import java.util.List;

/**
 * GPT-J ({@code GPTJConfig}, modeling_gptj.py): one LayerNorm {@code ln_1} per layer (attention
 * and MLP in parallel), q/k/v/out projections without bias, classic MLP {@code fc_in}/{@code fc_out}
 * with bias ({@code n_inner}, default 4·n_embd), untied {@code lm_head} with bias.
 */
final class GptjFamily implements Family {
  static final int DEFAULT_VOCAB_SIZE = 50400;
  static final int DEFAULT_N_POSITIONS = 2048;
  static final int DEFAULT_N_HEAD = 16;

  @Override
  public List<String> modelTypes() {
    return List.of("gptj");
  }

  @Override
  public void read(ConfigObject c, String modelType, ArchitectureBuilder arch) {
    int hidden = c.required("n_embd", "hidden_size");
    int layers = c.layerCount("n_layer", "num_hidden_layers");
    int heads = c.positive(DEFAULT_N_HEAD, "n_head", "num_attention_heads");
    int headDim = DecoderShape.dividedHeadDim(c, hidden, heads);
    int inner = c.positive(Math.multiplyExact(4, hidden), "n_inner");
    arch.vocabSize = c.positive(DEFAULT_VOCAB_SIZE, "vocab_size");
    arch.hiddenSize = hidden;
    arch.maxPositionEmbeddings = c.positive(DEFAULT_N_POSITIONS, "n_positions", "max_position_embeddings");
    arch.tieWordEmbeddings = c.bool("tie_word_embeddings", false);
    arch.lmHeadBias = true;
    for (int i = 0; i < layers; i++) {
      arch.layers.add(new DecoderLayer(
          new MultiHeadAttention(heads, heads, headDim, false, false, List.of(), false),
          new DenseMlp(inner, false, true),
          List.of(new Norm("ln_1", NormKind.LAYER_NORM, hidden)), 0));
    }
    arch.finalNorms = List.of(new Norm("ln_f", NormKind.LAYER_NORM, hidden));
  }
}
