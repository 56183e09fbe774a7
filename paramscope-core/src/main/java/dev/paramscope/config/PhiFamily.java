package dev.paramscope.config;

import dev.paramscope.model.DecoderLayer;
import dev.paramscope.model.DenseMlp;
import dev.paramscope.model.Norm;
import dev.paramscope.model.NormKind;
import java.util.List;

/**
 * Phi-1/1.5/2 ({@code PhiConfig}, modeling_phi.py): one LayerNorm per layer (parallel attention
 * and MLP), q/k/v/dense with bias, optional {@code qk_layernorm} (LayerNorm over one head),
 * classic MLP {@code fc1}/{@code fc2} with bias, {@code final_layernorm}, untied head with bias.
 */
final class PhiFamily implements Family {
  /** PhiConfig defaults. */
  static final FamilyDefaults DEFAULTS = new FamilyDefaults(51200, 8192, 32, 0, 0, 2048, false);

  @Override
  public List<String> modelTypes() {
    return List.of("phi");
  }

  @Override
  public void read(ConfigObject c, String modelType, ArchitectureBuilder arch) {
    DecoderShape s = DecoderShape.read(c, DEFAULTS);
    List<Norm> qkNorms = c.bool("qk_layernorm", false)
        ? List.of(new Norm("q_layernorm", NormKind.LAYER_NORM, s.headDim()),
            new Norm("k_layernorm", NormKind.LAYER_NORM, s.headDim()))
        : List.of();
    arch.shape(s);
    arch.lmHeadBias = true;
    for (int i = 0; i < s.numLayers(); i++) {
      arch.layers.add(new DecoderLayer(s.attention(true, true, qkNorms, false),
          new DenseMlp(s.intermediateSize(), false, true),
          List.of(s.norm("input_layernorm", NormKind.LAYER_NORM)), 0));
    }
    arch.finalNorms = List.of(s.norm("final_layernorm", NormKind.LAYER_NORM));
  }
}
