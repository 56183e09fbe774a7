package dev.paramscope.config;

import dev.paramscope.model.DecoderLayer;
import dev.paramscope.model.NormKind;
import java.util.List;

/**
 * Gemma 2 ({@code Gemma2Config}, modeling_gemma2.py): four RMSNorms per layer, head tied,
 * even layers use {@code sliding_window} (4096) and odd layers are global unless
 * {@code layer_types} says otherwise.
 */
final class Gemma2Family implements Family {
  /** Gemma2Config defaults. */
  static final FamilyDefaults DEFAULTS = new FamilyDefaults(256000, 9216, 8, 4, 256, 8192, true);

  @Override
  public List<String> modelTypes() {
    return List.of("gemma2");
  }

  @Override
  public void read(ConfigObject c, String modelType, ArchitectureBuilder arch) {
    DecoderShape s = DecoderShape.read(c, DEFAULTS);
    boolean bias = c.bool("attention_bias", false);
    int[] windows = SlidingWindows.read(c, s.numLayers(), c.nonNegative("sliding_window", 4096),
        SlidingWindows.Pattern.EVEN_LAYERS, 2);
    arch.shape(s);
    for (int i = 0; i < s.numLayers(); i++) {
      arch.layers.add(new DecoderLayer(s.attention(bias, bias, List.of(), false),
          s.gatedMlp(false), GemmaNorms.sandwich(s), windows[i]));
    }
    arch.finalNorms = List.of(s.norm("norm", NormKind.RMS_NORM));
  }
}
