package dev.paramscope.config;

import dev.paramscope.model.DecoderLayer;
import dev.paramscope.model.NormKind;
import java.util.List;

/**
 * Phi-3 ({@code Phi3Config}, modeling_phi3.py): fused {@code qkv_proj} and {@code gate_up_proj}
 * (counted like separate projections), no biases, RMSNorm, untied head.
 */
final class Phi3Family implements Family {
  /** Phi3Config defaults. */
  static final FamilyDefaults DEFAULTS = new FamilyDefaults(32064, 8192, 32, 0, 0, 4096, false);

  @Override
  public List<String> modelTypes() {
    return List.of("phi3");
  }

  @Override
  public void read(ConfigObject c, String modelType, ArchitectureBuilder arch) {
    DecoderShape s = DecoderShape.read(c, DEFAULTS);
    int[] windows = SlidingWindows.read(c, s.numLayers(), c.nonNegative("sliding_window", 0),
        SlidingWindows.Pattern.ALL, 1);
    arch.shape(s);
    for (int i = 0; i < s.numLayers(); i++) {
      arch.layers.add(new DecoderLayer(s.attention(false, false, List.of(), false),
          s.gatedMlp(false), s.preNorms(NormKind.RMS_NORM), windows[i]));
    }
    arch.finalNorms = List.of(s.norm("norm", NormKind.RMS_NORM));
  }
}
