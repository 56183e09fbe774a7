package dev.paramscope.config;

import dev.paramscope.model.DecoderLayer;
import dev.paramscope.model.DenseMlp;
import dev.paramscope.model.NormKind;
import java.util.List;

/**
 * StarCoder2 ({@code Starcoder2Config}, modeling_starcoder2.py): LayerNorms with bias,
 * q/k/v/o and the classic MLP {@code c_fc}/{@code c_proj} with {@code use_bias} (default
 * true), head tied.
 */
final class Starcoder2Family implements Family {
  /** Starcoder2Config defaults. */
  static final FamilyDefaults DEFAULTS = new FamilyDefaults(49152, 12288, 24, 2, 0, 4096, true);

  @Override
  public List<String> modelTypes() {
    return List.of("starcoder2");
  }

  @Override
  public void read(ConfigObject c, String modelType, ArchitectureBuilder arch) {
    DecoderShape s = DecoderShape.read(c, DEFAULTS);
    boolean bias = c.bool("use_bias", true);
    int[] windows = SlidingWindows.read(c, s.numLayers(), c.nonNegative("sliding_window", 0),
        SlidingWindows.Pattern.ALL, 1);
    arch.shape(s);
    for (int i = 0; i < s.numLayers(); i++) {
      arch.layers.add(new DecoderLayer(s.attention(bias, bias, List.of(), false),
          new DenseMlp(s.intermediateSize(), false, bias), s.preNorms(NormKind.LAYER_NORM), windows[i]));
    }
    arch.finalNorms = List.of(s.norm("norm", NormKind.LAYER_NORM));
  }
}
