package dev.paramscope.config;

import dev.paramscope.model.DecoderLayer;
import dev.paramscope.model.MixtureOfExperts;
import dev.paramscope.model.NormKind;
import java.util.List;

/**
 * Mixtral ({@code MixtralConfig}, modeling_mixtral.py): Mistral attention, every layer a mixture
 * of {@code num_local_experts} (8) gated experts of {@code intermediate_size}, top
 * {@code num_experts_per_tok} (2), router without bias; {@code sliding_window} default null.
 */
final class MixtralFamily implements Family {
  /** MixtralConfig defaults. */
  static final FamilyDefaults DEFAULTS = new FamilyDefaults(32000, 14336, 32, 8, 0, 131072, false);

  @Override
  public List<String> modelTypes() {
    return List.of("mixtral");
  }

  @Override
  public void read(ConfigObject c, String modelType, ArchitectureBuilder arch) {
    DecoderShape s = DecoderShape.read(c, DEFAULTS);
    MixtureOfExperts moe = new MixtureOfExperts(c.positive(8, "num_local_experts"),
        c.positive(2, "num_experts_per_tok"), s.intermediateSize(), false, 0, 0, false, false, false);
    int[] windows = SlidingWindows.read(c, s.numLayers(), c.nonNegative("sliding_window", 0),
        SlidingWindows.Pattern.ALL, 1);
    arch.shape(s);
    for (int i = 0; i < s.numLayers(); i++) {
      arch.layers.add(new DecoderLayer(s.attention(false, false, List.of(), false), moe,
          s.preNorms(NormKind.RMS_NORM), windows[i]));
    }
    arch.finalNorms = List.of(s.norm("norm", NormKind.RMS_NORM));
  }
}
