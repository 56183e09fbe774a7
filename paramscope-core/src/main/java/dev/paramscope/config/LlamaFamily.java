package dev.paramscope.config;

import dev.paramscope.model.DecoderLayer;
import dev.paramscope.model.NormKind;
import java.util.List;

/**
 * Llama ({@code LlamaConfig}, modeling_llama.py): RMSNorm pre-norms, grouped-query attention
 * with {@code attention_bias} on q, k, v and o, gated MLP with {@code mlp_bias}.
 */
final class LlamaFamily implements Family {
  /** LlamaConfig defaults. */
  static final FamilyDefaults DEFAULTS = new FamilyDefaults(32000, 11008, 32, 0, 0, 2048, false);

  @Override
  public List<String> modelTypes() {
    return List.of("llama");
  }

  @Override
  public void read(ConfigObject c, String modelType, ArchitectureBuilder arch) {
    DecoderShape s = DecoderShape.read(c, DEFAULTS);
    boolean attentionBias = c.bool("attention_bias", false);
    boolean mlpBias = c.bool("mlp_bias", false);
    arch.shape(s);
    for (int i = 0; i < s.numLayers(); i++) {
      arch.layers.add(new DecoderLayer(s.attention(attentionBias, attentionBias, List.of(), false),
          s.gatedMlp(mlpBias), s.preNorms(NormKind.RMS_NORM), 0));
    }
    arch.finalNorms = List.of(s.norm("norm", NormKind.RMS_NORM));
  }
}
