package dev.paramscope.config;

import dev.paramscope.model.DecoderLayer;
import dev.paramscope.model.NormKind;
import java.util.List;

/**
 * OLMo 1 ({@code OlmoConfig}, modeling_olmo.py): the Llama layout with non-parametric
 * LayerNorms ({@code OlmoLayerNorm}: no weight, no bias, so 0 parameters) and
 * {@code attention_bias} on q/k/v/o.
 */
final class OlmoFamily implements Family {
  /** OlmoConfig defaults. */
  static final FamilyDefaults DEFAULTS = new FamilyDefaults(50304, 11008, 32, 0, 0, 2048, false);

  @Override
  public List<String> modelTypes() {
    return List.of("olmo");
  }

  @Override
  public void read(ConfigObject c, String modelType, ArchitectureBuilder arch) {
    DecoderShape s = DecoderShape.read(c, DEFAULTS);
    boolean bias = c.bool("attention_bias", false);
    arch.shape(s);
    for (int i = 0; i < s.numLayers(); i++) {
      arch.layers.add(new DecoderLayer(s.attention(bias, bias, List.of(), false),
          s.gatedMlp(false), s.preNorms(NormKind.NON_PARAMETRIC), 0));
    }
    arch.finalNorms = List.of(s.norm("norm", NormKind.NON_PARAMETRIC));
  }
}
