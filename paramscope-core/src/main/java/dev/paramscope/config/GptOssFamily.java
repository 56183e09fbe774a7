package dev.paramscope.config;

import dev.paramscope.model.DecoderLayer;
import dev.paramscope.model.MixtureOfExperts;
import dev.paramscope.model.NormKind;
import java.util.List;

/**
 * gpt-oss ({@code GptOssConfig}, modeling_gpt_oss.py): grouped-query attention with biases on
 * q/k/v/o ({@code attention_bias}) and one learned sink per head; every layer a mixture of
 * {@code num_local_experts} experts with biases (fused gate_up and down), router with bias;
 * RMSNorm; untied head; alternate sliding ({@code sliding_window} 128) and full layers per
 * {@code layer_types}.
 */
final class GptOssFamily implements Family {
  /** GptOssConfig defaults. */
  static final FamilyDefaults DEFAULTS = new FamilyDefaults(201088, 2880, 64, 8, 64, 131072, false);

  @Override
  public List<String> modelTypes() {
    return List.of("gpt_oss");
  }

  @Override
  public void read(ConfigObject c, String modelType, ArchitectureBuilder arch) {
    DecoderShape s = DecoderShape.read(c, DEFAULTS);
    boolean bias = c.bool("attention_bias", true);
    MixtureOfExperts moe = new MixtureOfExperts(c.positive(128, "num_local_experts"),
        c.positive(4, "num_experts_per_tok", "experts_per_token"), s.intermediateSize(), true,
        0, 0, false, true, false);
    int[] windows = SlidingWindows.read(c, s.numLayers(), c.nonNegative("sliding_window", 128),
        SlidingWindows.Pattern.EVEN_LAYERS, 2);
    arch.shape(s);
    for (int i = 0; i < s.numLayers(); i++) {
      arch.layers.add(new DecoderLayer(s.attention(bias, bias, List.of(), true), moe,
          s.preNorms(NormKind.RMS_NORM), windows[i]));
    }
    arch.finalNorms = List.of(s.norm("norm", NormKind.RMS_NORM));
  }
}
