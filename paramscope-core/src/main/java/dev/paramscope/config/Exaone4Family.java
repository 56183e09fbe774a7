package dev.paramscope.config;

import dev.paramscope.model.DecoderLayer;
import dev.paramscope.model.NormKind;
import java.util.List;

/**
 * EXAONE 4 ({@code Exaone4Config}, modeling_exaone4.py): OLMo 2-style post-norms
 * ({@code post_attention_layernorm}, {@code post_feedforward_layernorm}, no input norm),
 * grouped-query attention without biases with RMS q/k norms over one head, gated MLP. Sliding
 * layers ({@code sliding_window} 4096) per {@code layer_types}, else every
 * {@code sliding_window_pattern}-th (4; "LLLG" in the published configs) layer global; none when
 * {@code sliding_window} is null.
 */
final class Exaone4Family implements Family {
  /** Exaone4Config defaults. */
  static final FamilyDefaults DEFAULTS = new FamilyDefaults(102400, 16384, 32, 32, 0, 2048, false);

  @Override
  public List<String> modelTypes() {
    return List.of("exaone4");
  }

  @Override
  public void read(ConfigObject c, String modelType, ArchitectureBuilder arch) {
    DecoderShape s = DecoderShape.read(c, DEFAULTS);
    int window = c.node().has("sliding_window") ? c.nonNegative("sliding_window", 0) : 4096;
    int[] windows = SlidingWindows.read(c, s.numLayers(), window, SlidingWindows.Pattern.EVERY_NTH_GLOBAL,
        pattern(c));
    arch.shape(s);
    for (int i = 0; i < s.numLayers(); i++) {
      arch.layers.add(new DecoderLayer(s.attention(false, false, s.perHeadRmsQkNorms(), false), s.gatedMlp(false),
          List.of(s.norm("post_attention_layernorm", NormKind.RMS_NORM),
              s.norm("post_feedforward_layernorm", NormKind.RMS_NORM)), windows[i]));
    }
    arch.finalNorms = List.of(s.norm("norm", NormKind.RMS_NORM));
  }

  /** {@code sliding_window_pattern} as an int, or as a string of L (local) and G (global): its length. */
  private static int pattern(ConfigObject c) {
    String text = c.text("sliding_window_pattern");
    if (text != null) {
      if (!text.matches("L*G") || text.length() > ConfigObject.MAX_LAYERS) {
        throw c.problem("sliding_window_pattern: expected L...LG, got " + ConfigObject.shortText(
            com.fasterxml.jackson.databind.node.TextNode.valueOf(text)));
      }
      return text.length();
    }
    return c.positive(4, "sliding_window_pattern");
  }
}
