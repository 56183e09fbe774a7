package dev.paramscope.config;

import dev.paramscope.model.DecoderLayer;
import dev.paramscope.model.DenseMlp;
import dev.paramscope.model.MultiHeadAttention;
import dev.paramscope.model.Norm;
import dev.paramscope.model.NormKind;
import java.util.List;

/**
 * BLOOM ({@code BloomConfig}, modeling_bloom.py): ALiBi (no position parameters),
 * {@code word_embeddings_layernorm} after the embedding, LayerNorms, fused
 * {@code query_key_value} and {@code dense} with bias, classic 4·hidden MLP with bias, head tied.
 */
final class BloomFamily implements Family {
  static final int DEFAULT_VOCAB_SIZE = 250880;
  static final int DEFAULT_N_HEAD = 8;

  @Override
  public List<String> modelTypes() {
    return List.of("bloom");
  }

  @Override
  public void read(ConfigObject c, String modelType, ArchitectureBuilder arch) {
    int hidden = c.required("hidden_size", "n_embed");
    int layers = c.layerCount("n_layer", "num_hidden_layers");
    int heads = c.positive(DEFAULT_N_HEAD, "n_head", "num_attention_heads");
    int headDim = DecoderShape.dividedHeadDim(c, hidden, heads);
    arch.vocabSize = c.positive(DEFAULT_VOCAB_SIZE, "vocab_size");
    arch.hiddenSize = hidden;
    arch.tieWordEmbeddings = c.bool("tie_word_embeddings", true);
    arch.embeddingNorms = List.of(new Norm("word_embeddings_layernorm", NormKind.LAYER_NORM, hidden));
    for (int i = 0; i < layers; i++) {
      arch.layers.add(new DecoderLayer(
          new MultiHeadAttention(heads, heads, headDim, true, true, List.of(), false),
          new DenseMlp(Math.multiplyExact(4, hidden), false, true),
          List.of(new Norm("input_layernorm", NormKind.LAYER_NORM, hidden),
              new Norm("post_attention_layernorm", NormKind.LAYER_NORM, hidden)),
          0));
    }
    arch.finalNorms = List.of(new Norm("ln_f", NormKind.LAYER_NORM, hidden));
  }
}
