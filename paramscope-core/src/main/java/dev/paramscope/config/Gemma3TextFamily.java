package dev.paramscope.config;

import dev.paramscope.model.DecoderLayer;
import dev.paramscope.model.NormKind;
import java.util.List;

/**
 * Gemma 3 text ({@code Gemma3TextConfig}, modeling_gemma3.py), also the {@code text_config} of
 * multimodal {@code gemma3}: Gemma 2's four norms plus RMS q/k norms over one head; every
 * {@code sliding_window_pattern}-th (6) layer global, the rest sliding ({@code sliding_window}
 * 4096), unless {@code layer_types} says otherwise.
 */
final class Gemma3TextFamily implements Family {
  /** Gemma3TextConfig defaults. */
  static final FamilyDefaults DEFAULTS = new FamilyDefaults(262208, 9216, 8, 4, 256, 131072, true);

  @Override
  public List<String> modelTypes() {
    return List.of("gemma3_text");
  }

  @Override
  public void read(ConfigObject c, String modelType, ArchitectureBuilder arch) {
    DecoderShape s = DecoderShape.read(c, DEFAULTS);
    boolean bias = c.bool("attention_bias", false);
    int[] windows = SlidingWindows.read(c, s.numLayers(), c.nonNegative("sliding_window", 4096),
        SlidingWindows.Pattern.EVERY_NTH_GLOBAL, c.positive(6, "sliding_window_pattern"));
    arch.shape(s);
    for (int i = 0; i < s.numLayers(); i++) {
      arch.layers.add(new DecoderLayer(s.attention(bias, bias, s.perHeadRmsQkNorms(), false),
          s.gatedMlp(false), GemmaNorms.sandwich(s), windows[i]));
    }
    arch.finalNorms = List.of(s.norm("norm", NormKind.RMS_NORM));
  }
}
