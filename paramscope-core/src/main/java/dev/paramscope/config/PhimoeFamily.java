package dev.paramscope.config;

import dev.paramscope.model.DecoderLayer;
import dev.paramscope.model.MixtureOfExperts;
import dev.paramscope.model.NormKind;
import java.util.List;

/**
 * Phi-3.5-MoE ({@code PhimoeConfig}, modeling_phimoe.py): LayerNorms with bias,
 * {@code attention_bias} on q/k/v/o, every layer a mixture of {@code num_local_experts} (16)
 * gated experts of {@code intermediate_size}, top {@code num_experts_per_tok} (2), router
 * without bias, untied head with {@code lm_head_bias}.
 */
final class PhimoeFamily implements Family {
  /** PhimoeConfig defaults. */
  static final FamilyDefaults DEFAULTS = new FamilyDefaults(32064, 6400, 32, 8, 0, 131072, false);

  @Override
  public List<String> modelTypes() {
    return List.of("phimoe");
  }

  @Override
  public void read(ConfigObject c, String modelType, ArchitectureBuilder arch) {
    DecoderShape s = DecoderShape.read(c, DEFAULTS);
    boolean bias = c.bool("attention_bias", false);
    MixtureOfExperts moe = new MixtureOfExperts(c.positive(16, "num_local_experts"),
        c.positive(2, "num_experts_per_tok"), s.intermediateSize(), false, 0, 0, false, false, false);
    int[] windows = SlidingWindows.read(c, s.numLayers(), c.nonNegative("sliding_window", 0),
        SlidingWindows.Pattern.ALL, 1);
    arch.shape(s);
    arch.lmHeadBias = c.bool("lm_head_bias", false);
    for (int i = 0; i < s.numLayers(); i++) {
      arch.layers.add(new DecoderLayer(s.attention(bias, bias, List.of(), false), moe,
          s.preNorms(NormKind.LAYER_NORM), windows[i]));
    }
    arch.finalNorms = List.of(s.norm("norm", NormKind.LAYER_NORM));
  }
}
