package dev.paramscope.config;

import dev.paramscope.model.DecoderLayer;
import dev.paramscope.model.Norm;
import dev.paramscope.model.NormKind;
import java.util.List;

/**
 * OLMo 3 ({@code Olmo3Config}, modeling_olmo3.py): OLMo 2's layers (RMS q/k norms over all heads,
 * post-norms only, untied head) with sliding-window attention ({@code sliding_window} 4096) on
 * the layers {@code layer_types} marks {@code sliding_attention}, else on three layers in four
 * (every fourth global).
 */
final class Olmo3Family implements Family {
  /** Olmo3Config defaults. */
  static final FamilyDefaults DEFAULTS = new FamilyDefaults(50304, 11008, 32, 0, 0, 2048, false);

  @Override
  public List<String> modelTypes() {
    return List.of("olmo3");
  }

  @Override
  public void read(ConfigObject c, String modelType, ArchitectureBuilder arch) {
    DecoderShape s = DecoderShape.read(c, DEFAULTS);
    boolean bias = c.bool("attention_bias", false);
    List<Norm> qkNorms = Olmo2Family.wideQkNorms(s);
    int[] windows = SlidingWindows.read(c, s.numLayers(), c.nonNegative("sliding_window", 4096),
        SlidingWindows.Pattern.EVERY_NTH_GLOBAL, 4);
    arch.shape(s);
    for (int i = 0; i < s.numLayers(); i++) {
      arch.layers.add(new DecoderLayer(s.attention(bias, bias, qkNorms, false), s.gatedMlp(false),
          List.of(s.norm("post_attention_layernorm", NormKind.RMS_NORM),
              s.norm("post_feedforward_layernorm", NormKind.RMS_NORM)), windows[i]));
    }
    arch.finalNorms = List.of(s.norm("norm", NormKind.RMS_NORM));
  }
}
