package dev.paramscope.config;

import dev.paramscope.model.DecoderLayer;
import dev.paramscope.model.NormKind;
import java.util.List;

/**
 * Qwen 3 ({@code Qwen3Config}, modeling_qwen3.py): the Llama layout with RMS q_norm/k_norm
 * over one head, {@code head_dim} default 128, {@code attention_bias} on q, k, v and o.
 */
final class Qwen3Family implements Family {
  /** Qwen3Config defaults. */
  static final FamilyDefaults DEFAULTS = new FamilyDefaults(151936, 22016, 32, 32, 128, 32768, false);

  @Override
  public List<String> modelTypes() {
    return List.of("qwen3");
  }

  @Override
  public void read(ConfigObject c, String modelType, ArchitectureBuilder arch) {
    DecoderShape s = DecoderShape.read(c, DEFAULTS);
    boolean bias = c.bool("attention_bias", false);
    int[] windows = QwenWindows.read(c, s.numLayers());
    arch.shape(s);
    for (int i = 0; i < s.numLayers(); i++) {
      arch.layers.add(new DecoderLayer(s.attention(bias, bias, s.perHeadRmsQkNorms(), false),
          s.gatedMlp(false), s.preNorms(NormKind.RMS_NORM), windows[i]));
    }
    arch.finalNorms = List.of(s.norm("norm", NormKind.RMS_NORM));
  }
}
