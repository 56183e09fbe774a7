package dev.paramscope.config;

/**
 * Qwen 2 / Qwen 3 sliding windows: {@code layer_types} when listed, else when
 * {@code use_sliding_window} (default false) the layers from {@code max_window_layers} on use
 * {@code sliding_window} (configuration_qwen2.py).
 */
final class QwenWindows {
  private QwenWindows() {}

  static int[] read(ConfigObject c, int numLayers) {
    int window = c.nonNegative("sliding_window", 4096);
    if (!c.bool("use_sliding_window", false) || window == 0) {
      return SlidingWindows.read(c, numLayers, 0, SlidingWindows.Pattern.ALL, 1);
    }
    int[] windows = SlidingWindows.read(c, numLayers, window, SlidingWindows.Pattern.ALL, 1);
    if (c.textList("layer_types").isEmpty()) {
      int firstSliding = c.nonNegative("max_window_layers", 28);
      for (int i = 0; i < numLayers && i < firstSliding; i++) {
        windows[i] = 0;
      }
    }
    return windows;
  }
}
