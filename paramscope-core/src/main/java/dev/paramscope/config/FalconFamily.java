package dev.paramscope.config;

import dev.paramscope.model.DecoderLayer;
import dev.paramscope.model.DenseMlp;
import dev.paramscope.model.MultiHeadAttention;
import dev.paramscope.model.Norm;
import dev.paramscope.model.NormKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Falcon ({@code FalconConfig}, modeling_falcon.py) and its legacy remote-code types
 * {@code RefinedWeb} (new decoder architecture, {@code n_head_kv}) and {@code RefinedWebModel}.
 *
 * <p>Key/value heads: {@code num_kv_heads} with {@code new_decoder_architecture}, else 1 with
 * {@code multi_query} (default true), else all heads. Norms: without {@code parallel_attn}
 * {@code input_layernorm} + {@code post_attention_layernorm}; with it (the default)
 * {@code ln_attn} + {@code ln_mlp} when {@code num_ln_in_parallel_attn} is 2 (the new
 * architecture's default), else one {@code input_layernorm}.
 * All projections have biases iff {@code bias} (default false). Head tied.
 */
final class FalconFamily implements Family {
  static final int DEFAULT_VOCAB_SIZE = 65024;
  static final int DEFAULT_HEADS = 71;
  static final int DEFAULT_MAX_POSITIONS = 2048;

  @Override
  public List<String> modelTypes() {
    return List.of("falcon", "RefinedWeb", "RefinedWebModel");
  }

  @Override
  public void read(ConfigObject c, String modelType, ArchitectureBuilder arch) {
    int hidden = c.required("hidden_size", "n_embed");
    int layers = c.layerCount("num_hidden_layers", "n_layer");
    int heads = c.positive(DEFAULT_HEADS, "num_attention_heads", "n_head");
    int headDim = DecoderShape.dividedHeadDim(c, hidden, heads);
    boolean newArch = "RefinedWeb".equals(modelType) || c.bool("new_decoder_architecture", false);
    int kvHeads = newArch ? c.positive(heads, "num_kv_heads", "n_head_kv")
        : c.bool("multi_query", true) ? 1 : heads;
    DecoderShape.checkKeyValueHeads(c, heads, kvHeads);
    boolean bias = c.bool("bias", false);
    int ffn = c.positive(Math.multiplyExact(4, hidden), "ffn_hidden_size");
    List<Norm> norms = new ArrayList<>();
    int parallelNorms = c.positive(newArch ? 2 : 1, "num_ln_in_parallel_attn");
    if (!c.bool("parallel_attn", true)) {
      norms.add(new Norm("input_layernorm", NormKind.LAYER_NORM, hidden));
      norms.add(new Norm("post_attention_layernorm", NormKind.LAYER_NORM, hidden));
    } else if (parallelNorms == 2) {
      norms.add(new Norm("ln_attn", NormKind.LAYER_NORM, hidden));
      norms.add(new Norm("ln_mlp", NormKind.LAYER_NORM, hidden));
    } else {
      norms.add(new Norm("input_layernorm", NormKind.LAYER_NORM, hidden));
    }
    arch.vocabSize = c.positive(DEFAULT_VOCAB_SIZE, "vocab_size");
    arch.hiddenSize = hidden;
    arch.maxPositionEmbeddings = c.positive(DEFAULT_MAX_POSITIONS, "max_position_embeddings");
    arch.tieWordEmbeddings = c.bool("tie_word_embeddings", true);
    for (int i = 0; i < layers; i++) {
      arch.layers.add(new DecoderLayer(
          new MultiHeadAttention(heads, kvHeads, headDim, bias, bias, List.of(), false),
          new DenseMlp(ffn, false, bias), norms, 0));
    }
    arch.finalNorms = List.of(new Norm("ln_f", NormKind.LAYER_NORM, hidden));
  }
}
