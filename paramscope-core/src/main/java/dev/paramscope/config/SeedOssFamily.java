package dev.paramscope.config;

import dev.paramscope.model.DecoderLayer;
import dev.paramscope.model.NormKind;
import java.util.List;

/**
 * Seed-OSS ({@code SeedOssConfig}, modeling_seed_oss.py): Llama's layers with biases on q, k and
 * v ({@code attention_bias}, default true) but not on o ({@code attention_out_bias}, default
 * false), explicit {@code head_dim}, gated MLP with {@code mlp_bias}, untied head.
 */
final class SeedOssFamily implements Family {
  /** SeedOssConfig defaults. */
  static final FamilyDefaults DEFAULTS = new FamilyDefaults(155136, 27648, 80, 8, 128, 524288, false);

  @Override
  public List<String> modelTypes() {
    return List.of("seed_oss");
  }

  @Override
  public void read(ConfigObject c, String modelType, ArchitectureBuilder arch) {
    DecoderShape s = DecoderShape.read(c, DEFAULTS);
    boolean qkvBias = c.bool("attention_bias", true);
    boolean outputBias = c.bool("attention_out_bias", false);
    boolean mlpBias = c.bool("mlp_bias", false);
    arch.shape(s);
    for (int i = 0; i < s.numLayers(); i++) {
      arch.layers.add(new DecoderLayer(s.attention(qkvBias, outputBias, List.of(), false), s.gatedMlp(mlpBias),
          s.preNorms(NormKind.RMS_NORM), 0));
    }
    arch.finalNorms = List.of(s.norm("norm", NormKind.RMS_NORM));
  }
}
