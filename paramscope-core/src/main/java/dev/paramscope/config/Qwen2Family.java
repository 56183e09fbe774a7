package dev.paramscope.config;

import dev.paramscope.model.DecoderLayer;
import dev.paramscope.model.NormKind;
import java.util.List;

/**
 * Qwen 2 / 2.5 ({@code Qwen2Config}, modeling_qwen2.py): the Llama layout with biases on
 * q, k and v (not o).
 */
final class Qwen2Family implements Family {
  /** Qwen2Config defaults. */
  static final FamilyDefaults DEFAULTS = new FamilyDefaults(151936, 22016, 32, 32, 0, 32768, false);

  @Override
  public List<String> modelTypes() {
    return List.of("qwen2");
  }

  @Override
  public void read(ConfigObject c, String modelType, ArchitectureBuilder arch) {
    DecoderShape s = DecoderShape.read(c, DEFAULTS);
    int[] windows = QwenWindows.read(c, s.numLayers());
    arch.shape(s);
    for (int i = 0; i < s.numLayers(); i++) {
      arch.layers.add(new DecoderLayer(s.attention(true, false, List.of(), false),
          s.gatedMlp(false), s.preNorms(NormKind.RMS_NORM), windows[i]));
    }
    arch.finalNorms = List.of(s.norm("norm", NormKind.RMS_NORM));
  }
}
