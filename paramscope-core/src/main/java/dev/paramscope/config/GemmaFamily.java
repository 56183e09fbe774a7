package dev.paramscope.config;

import dev.paramscope.model.DecoderLayer;
import dev.paramscope.model.NormKind;
import java.util.List;

/**
 * Gemma ({@code GemmaConfig}, modeling_gemma.py): the Llama layout with {@code head_dim} 256,
 * RMSNorm ("1 + w", one scale per element), {@code attention_bias}, head tied.
 */
final class GemmaFamily implements Family {
  /** GemmaConfig defaults. */
  static final FamilyDefaults DEFAULTS = new FamilyDefaults(256000, 24576, 16, 16, 256, 8192, true);

  @Override
  public List<String> modelTypes() {
    return List.of("gemma");
  }

  @Override
  public void read(ConfigObject c, String modelType, ArchitectureBuilder arch) {
    DecoderShape s = DecoderShape.read(c, DEFAULTS);
    boolean bias = c.bool("attention_bias", false);
    arch.shape(s);
    for (int i = 0; i < s.numLayers(); i++) {
      arch.layers.add(new DecoderLayer(s.attention(bias, bias, List.of(), false),
          s.gatedMlp(false), s.preNorms(NormKind.RMS_NORM), 0));
    }
    arch.finalNorms = List.of(s.norm("norm", NormKind.RMS_NORM));
  }
}
