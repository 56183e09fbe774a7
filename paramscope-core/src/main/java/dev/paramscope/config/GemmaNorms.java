package dev.paramscope.config;

import dev.paramscope.model.Norm;
import dev.paramscope.model.NormKind;
import java.util.List;

/** The four RMSNorms of a Gemma 2 / Gemma 3 layer (sandwich norms around attention and MLP). */
final class GemmaNorms {
  private GemmaNorms() {}

  static List<Norm> sandwich(DecoderShape s) {
    return List.of(s.norm("input_layernorm", NormKind.RMS_NORM),
        s.norm("post_attention_layernorm", NormKind.RMS_NORM),
        s.norm("pre_feedforward_layernorm", NormKind.RMS_NORM),
        s.norm("post_feedforward_layernorm", NormKind.RMS_NORM));
  }
}
