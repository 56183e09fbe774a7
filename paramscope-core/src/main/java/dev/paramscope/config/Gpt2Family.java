package dev.paramscope.config;

import dev.paramscope.model.DecoderLayer;
import dev.paramscope.model.DenseMlp;
import dev.paramscope.model.MultiHeadAttention;
import dev.paramscope.model.Norm;
import dev.paramscope.model.NormKind;
import java.util.List;

/**
 * GPT-2 ({@code GPT2Config}, modeling_gpt2.py): learned positions ({@code n_positions}),
 * LayerNorms {@code ln_1}/{@code ln_2}/{@code ln_f}, fused {@code c_attn} with bias, classic MLP
 * of {@code n_inner} (default 4·n_embd) with bias, head tied. The causal-mask buffer is not a
 * parameter.
 */
final class Gpt2Family implements Family {
  static final int DEFAULT_VOCAB_SIZE = 50257;
  static final int DEFAULT_N_POSITIONS = 1024;
  static final int DEFAULT_N_HEAD = 12;

  @Override
  public List<String> modelTypes() {
    return List.of("gpt2");
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
    arch.learnedPositions = c.positive(DEFAULT_N_POSITIONS, "n_positions", "max_position_embeddings");
    arch.maxPositionEmbeddings = arch.learnedPositions;
    arch.tieWordEmbeddings = c.bool("tie_word_embeddings", true);
    for (int i = 0; i < layers; i++) {
      arch.layers.add(new DecoderLayer(
          new MultiHeadAttention(heads, heads, headDim, true, true, List.of(), false),
          new DenseMlp(inner, false, true),
          List.of(new Norm("ln_1", NormKind.LAYER_NORM, hidden), new Norm("ln_2", NormKind.LAYER_NORM, hidden)),
          0));
    }
    arch.finalNorms = List.of(new Norm("ln_f", NormKind.LAYER_NORM, hidden));
  }
}
