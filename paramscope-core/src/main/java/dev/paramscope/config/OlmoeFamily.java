package dev.paramscope.config;

import dev.paramscope.model.DecoderLayer;
import dev.paramscope.model.MixtureOfExperts;
import dev.paramscope.model.NormKind;
import java.util.List;

/**
 * OLMoE ({@code OlmoeConfig}, modeling_olmoe.py): RMS q/k norms over all heads (as OLMo 2),
 * pre-norms, every layer a mixture of {@code num_experts} (64) gated experts of
 * {@code intermediate_size}, top {@code num_experts_per_tok} (8), router without bias.
 */
final class OlmoeFamily implements Family {
  /** OlmoeConfig defaults. */
  static final FamilyDefaults DEFAULTS = new FamilyDefaults(50304, 2048, 16, 0, 0, 4096, false);

  @Override
  public List<String> modelTypes() {
    return List.of("olmoe");
  }

  @Override
  public void read(ConfigObject c, String modelType, ArchitectureBuilder arch) {
    DecoderShape s = DecoderShape.read(c, DEFAULTS);
    boolean bias = c.bool("attention_bias", false);
    MixtureOfExperts moe = new MixtureOfExperts(c.positive(64, "num_experts"),
        c.positive(8, "num_experts_per_tok"), s.intermediateSize(), false, 0, 0, false, false, false);
    arch.shape(s);
    for (int i = 0; i < s.numLayers(); i++) {
      arch.layers.add(new DecoderLayer(s.attention(bias, bias, Olmo2Family.wideQkNorms(s), false),
          moe, s.preNorms(NormKind.RMS_NORM), 0));
    }
    arch.finalNorms = List.of(s.norm("norm", NormKind.RMS_NORM));
  }
}
