package dev.paramscope.config;

import dev.paramscope.model.DecoderLayer;
import dev.paramscope.model.NormKind;
import java.util.List;

/**
 * Mistral ({@code MistralConfig}, modeling_mistral.py): the Llama layout without biases, with a
 * {@code sliding_window} (default 4096; null = full attention) on every layer.
 */
final class MistralFamily implements Family {
  /** MistralConfig defaults (max_position_embeddings 4096 * 32). */
  static final FamilyDefaults DEFAULTS = new FamilyDefaults(32000, 14336, 32, 8, 0, 131072, false);
  static final int DEFAULT_SLIDING_WINDOW = 4096;

  @Override
  public List<String> modelTypes() {
    return List.of("mistral");
  }

  @Override
  public void read(ConfigObject c, String modelType, ArchitectureBuilder arch) {
    DecoderShape s = DecoderShape.read(c, DEFAULTS);
    int window = c.node().has("sliding_window") ? c.nonNegative("sliding_window", 0) : DEFAULT_SLIDING_WINDOW;
    int[] windows = SlidingWindows.read(c, s.numLayers(), window, SlidingWindows.Pattern.ALL, 1);
    arch.shape(s);
    for (int i = 0; i < s.numLayers(); i++) {
      arch.layers.add(new DecoderLayer(s.attention(false, false, List.of(), false),
          s.gatedMlp(false), s.preNorms(NormKind.RMS_NORM), windows[i]));
    }
    arch.finalNorms = List.of(s.norm("norm", NormKind.RMS_NORM));
  }
}
