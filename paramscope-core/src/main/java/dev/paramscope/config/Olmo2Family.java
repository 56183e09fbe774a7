package dev.paramscope.config;

import dev.paramscope.model.DecoderLayer;
import dev.paramscope.model.Norm;
import dev.paramscope.model.NormKind;
import java.util.List;

/**
 * OLMo 2 ({@code Olmo2Config}, modeling_olmo2.py): RMS {@code q_norm} over all query heads
 * (heads·head_dim) and {@code k_norm} over all key heads (kv_heads·head_dim); post-norms only
 * ({@code post_attention_layernorm}, {@code post_feedforward_layernorm}); untied head.
 */
final class Olmo2Family implements Family {
  /** Olmo2Config defaults. */
  static final FamilyDefaults DEFAULTS = new FamilyDefaults(50304, 11008, 32, 0, 0, 2048, false);

  @Override
  public List<String> modelTypes() {
    return List.of("olmo2");
  }

  @Override
  public void read(ConfigObject c, String modelType, ArchitectureBuilder arch) {
    DecoderShape s = DecoderShape.read(c, DEFAULTS);
    boolean bias = c.bool("attention_bias", false);
    List<Norm> qkNorms = wideQkNorms(s);
    arch.shape(s);
    for (int i = 0; i < s.numLayers(); i++) {
      arch.layers.add(new DecoderLayer(s.attention(bias, bias, qkNorms, false), s.gatedMlp(false),
          List.of(s.norm("post_attention_layernorm", NormKind.RMS_NORM),
              s.norm("post_feedforward_layernorm", NormKind.RMS_NORM)), 0));
    }
    arch.finalNorms = List.of(s.norm("norm", NormKind.RMS_NORM));
  }

  /** RMS q_norm over heads·head_dim and k_norm over kv_heads·head_dim (OLMo 2, OLMoE). */
  static List<Norm> wideQkNorms(DecoderShape s) {
    return List.of(
        new Norm("q_norm", NormKind.RMS_NORM, Math.multiplyExact(s.numHeads(), s.headDim())),
        new Norm("k_norm", NormKind.RMS_NORM, Math.multiplyExact(s.numKeyValueHeads(), s.headDim())));
  }
}
