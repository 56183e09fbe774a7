package dev.paramscope.config;

import dev.paramscope.model.DecoderLayer;
import dev.paramscope.model.DenseMlp;
import dev.paramscope.model.NormKind;
import java.util.List;

/**
 * GPT-NeoX / Pythia ({@code GPTNeoXConfig}, modeling_gpt_neox.py): LayerNorms, fused
 * {@code query_key_value} and {@code dense} with {@code attention_bias} (default true),
 * classic MLP with bias, untied {@code embed_out}. Both layer norms exist whether or not
 * {@code use_parallel_residual}.
 */
final class GptNeoxFamily implements Family {
  /** GPTNeoXConfig defaults. */
  static final FamilyDefaults DEFAULTS = new FamilyDefaults(50432, 24576, 64, 0, 0, 2048, false);

  @Override
  public List<String> modelTypes() {
    return List.of("gpt_neox");
  }

  @Override
  public void read(ConfigObject c, String modelType, ArchitectureBuilder arch) {
    DecoderShape s = DecoderShape.read(c, DEFAULTS);
    boolean bias = c.bool("attention_bias", true);
    arch.shape(s);
    for (int i = 0; i < s.numLayers(); i++) {
      arch.layers.add(new DecoderLayer(s.attention(bias, bias, List.of(), false),
          new DenseMlp(s.intermediateSize(), false, true), s.preNorms(NormKind.LAYER_NORM), 0));
    }
    arch.finalNorms = List.of(s.norm("final_layer_norm", NormKind.LAYER_NORM));
  }
}
