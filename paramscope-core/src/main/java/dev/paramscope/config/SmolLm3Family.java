package dev.paramscope.config;

import dev.paramscope.model.DecoderLayer;
import dev.paramscope.model.NormKind;
import java.util.List;

/**
 * SmolLM3 ({@code SmolLM3Config}, modeling_smollm3.py): Llama's layers (RMSNorm pre-norms,
 * grouped-query attention with {@code attention_bias}, gated MLP with {@code mlp_bias}), tied
 * head by default; {@code no_rope_layers} only drops rotary embeddings, which store no
 * parameters; sliding windows where {@code layer_types} lists {@code sliding_attention}.
 */
final class SmolLm3Family implements Family {
  /** SmolLM3Config defaults. */
  static final FamilyDefaults DEFAULTS = new FamilyDefaults(128256, 11008, 16, 4, 0, 32768, true);

  @Override
  public List<String> modelTypes() {
    return List.of("smollm3");
  }

  @Override
  public void read(ConfigObject c, String modelType, ArchitectureBuilder arch) {
    DecoderShape s = DecoderShape.read(c, DEFAULTS);
    boolean attentionBias = c.bool("attention_bias", false);
    boolean mlpBias = c.bool("mlp_bias", false);
    // Sliding layers only as layer_types lists them (the published checkpoints use none).
    int window = c.textList("layer_types").isEmpty() ? 0 : c.nonNegative("sliding_window", 0);
    int[] windows = SlidingWindows.read(c, s.numLayers(), window, SlidingWindows.Pattern.ALL, 1);
    arch.shape(s);
    for (int i = 0; i < s.numLayers(); i++) {
      arch.layers.add(new DecoderLayer(s.attention(attentionBias, attentionBias, List.of(), false),
          s.gatedMlp(mlpBias), s.preNorms(NormKind.RMS_NORM), windows[i]));
    }
    arch.finalNorms = List.of(s.norm("norm", NormKind.RMS_NORM));
  }
}
