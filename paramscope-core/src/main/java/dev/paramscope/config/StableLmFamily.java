package dev.paramscope.config;

import dev.paramscope.model.DecoderLayer;
import dev.paramscope.model.Norm;
import dev.paramscope.model.NormKind;
import java.util.List;

/**
 * StableLM ({@code StableLmConfig}, modeling_stablelm.py): LayerNorms with bias;
 * {@code use_qkv_bias} on q/k/v (o never); {@code qk_layernorm}: one bias-free LayerNorm per
 * head ({@code StableLmLayerNormPerHead}); no {@code post_attention_layernorm} when
 * {@code use_parallel_residual}; gated MLP without bias; untied head.
 */
final class StableLmFamily implements Family {
  /** StableLmConfig defaults. */
  static final FamilyDefaults DEFAULTS = new FamilyDefaults(50304, 6912, 32, 32, 0, 4096, false);

  @Override
  public List<String> modelTypes() {
    return List.of("stablelm");
  }

  @Override
  public void read(ConfigObject c, String modelType, ArchitectureBuilder arch) {
    DecoderShape s = DecoderShape.read(c, DEFAULTS);
    List<Norm> qkNorms = c.bool("qk_layernorm", false)
        ? List.of(
            new Norm("q_layernorm", NormKind.LAYER_NORM_NO_BIAS, Math.multiplyExact(s.numHeads(), s.headDim())),
            new Norm("k_layernorm", NormKind.LAYER_NORM_NO_BIAS,
                Math.multiplyExact(s.numKeyValueHeads(), s.headDim())))
        : List.of();
    List<Norm> norms = c.bool("use_parallel_residual", false)
        ? List.of(s.norm("input_layernorm", NormKind.LAYER_NORM))
        : s.preNorms(NormKind.LAYER_NORM);
    boolean qkvBias = c.bool("use_qkv_bias", false);
    arch.shape(s);
    for (int i = 0; i < s.numLayers(); i++) {
      arch.layers.add(new DecoderLayer(s.attention(qkvBias, false, qkNorms, false),
          s.gatedMlp(false), norms, 0));
    }
    arch.finalNorms = List.of(s.norm("norm", NormKind.LAYER_NORM));
  }
}
