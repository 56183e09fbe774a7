package dev.paramscope.config;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Per-layer type names of hybrid models: the config's {@code layer_types} when it lists them
 * (checked against the layer count and the names the family knows), else every
 * {@code interval}-th layer {@code full_attention} and the rest {@code other}
 * (Qwen3-Next {@code full_attention_interval}: layer i is full when {@code (i + 1) % interval == 0}).
 */
final class LayerTypes {
  private LayerTypes() {}

  static String[] read(ConfigObject c, int numLayers, String intervalKey, int defaultInterval, String other,
      Set<String> known) {
    List<String> listed = c.textList("layer_types");
    String[] types = new String[numLayers];
    if (!listed.isEmpty()) {
      if (listed.size() != numLayers) {
        throw c.problem(String.format(Locale.ROOT,
            "layer_types has %d entries but num_hidden_layers is %d", listed.size(), numLayers));
      }
      for (int i = 0; i < numLayers; i++) {
        String t = listed.get(i);
        if (!known.contains(t)) {
          throw c.problem("layer_types[" + i + "]: unknown layer type " + ConfigObject.shortText(
              com.fasterxml.jackson.databind.node.TextNode.valueOf(t)) + " (expected one of "
              + String.join(", ", new java.util.TreeSet<>(known)) + ")");
        }
        types[i] = t;
      }
      return types;
    }
    int interval = c.positive(defaultInterval, intervalKey);
    for (int i = 0; i < numLayers; i++) {
      types[i] = (i + 1) % interval == 0 ? "full_attention" : other;
    }
    return types;
  }

  /**
   * Which layers are {@code full_attention} in a softmax/linear-attention hybrid's {@code layer_types}
   * list, or null when the config lists none (the family then reads its own key).
   */
  static boolean[] fullAttentionListed(ConfigObject c, int numLayers) {
    if (c.textList("layer_types").isEmpty()) {
      return null;
    }
    String[] types = read(c, numLayers, "", 1, "linear_attention", Set.of("full_attention", "linear_attention"));
    boolean[] full = new boolean[numLayers];
    for (int i = 0; i < numLayers; i++) {
      full[i] = "full_attention".equals(types[i]);
    }
    return full;
  }
}
