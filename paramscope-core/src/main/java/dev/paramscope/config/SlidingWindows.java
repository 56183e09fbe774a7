package dev.paramscope.config;

import java.util.List;
import java.util.Locale;

/**
 * Per-layer attention windows (0 = full attention) from {@code layer_types} when the config
 * lists them, else from the family's fixed pattern.
 */
final class SlidingWindows {
  private SlidingWindows() {}

  /** The pattern a family uses when a config has no {@code layer_types}. */
  enum Pattern {
    /** Every layer uses the window (Mistral, or none when the window is 0). */
    ALL,
    /** Even layers slide, odd layers are global (Gemma 2, gpt-oss: {@code (i + 1) % 2 != 0}). */
    EVEN_LAYERS,
    /** Every n-th layer is global (Gemma 3 {@code sliding_window_pattern}: {@code (i + 1) % n != 0}). */
    EVERY_NTH_GLOBAL
  }

  /**
   * @param window the {@code sliding_window} value; 0 when unset or disabled
   * @param every n for {@link Pattern#EVERY_NTH_GLOBAL}; ignored otherwise
   */
  static int[] read(ConfigObject c, int numLayers, int window, Pattern pattern, int every) {
    int[] windows = new int[numLayers];
    List<String> types = c.textList("layer_types");
    if (!types.isEmpty()) {
      if (types.size() != numLayers) {
        throw c.problem(String.format(Locale.ROOT,
            "layer_types has %d entries but num_hidden_layers is %d", types.size(), numLayers));
      }
      for (int i = 0; i < numLayers; i++) {
        windows[i] = "sliding_attention".equals(types.get(i)) ? window : 0;
      }
      return windows;
    }
    for (int i = 0; i < numLayers; i++) {
      boolean sliding = switch (pattern) {
        case ALL -> true;
        case EVEN_LAYERS -> (i + 1) % 2 != 0;
        case EVERY_NTH_GLOBAL -> (i + 1) % every != 0;
      };
      windows[i] = sliding ? window : 0;
    }
    return windows;
  }
}
