package dev.paramscope.config;

import dev.paramscope.model.DecoderLayer;
import dev.paramscope.model.MixtureOfExperts;
import dev.paramscope.model.Norm;
import dev.paramscope.model.NormKind;
import java.util.List;

/**
 * MiniMax-M2 ({@code MiniMaxM2Config}, modeling_minimax_m2.py): grouped-query attention without
 * biases, explicit {@code head_dim} (128), RMS {@code q_norm} over all query heads and
 * {@code k_norm} over all key heads when {@code use_qk_norm} (default true); every layer a mixture
 * of {@code num_local_experts} (256) experts of {@code intermediate_size} (1536), top
 * {@code num_experts_per_tok} (8), with a bias-free router and an {@code e_score_correction_bias}
 * per expert (a buffer in transformers, a tensor in the checkpoint); untied head. The MTP modules
 * the config names ({@code num_mtp_modules}) are not stored in the published checkpoints.
 */
final class MiniMaxM2Family implements Family {
  /** MiniMaxM2Config defaults. */
  static final FamilyDefaults DEFAULTS = new FamilyDefaults(200064, 1536, 48, 8, 128, 196608, false);

  @Override
  public List<String> modelTypes() {
    return List.of("minimax_m2");
  }

  @Override
  public void read(ConfigObject c, String modelType, ArchitectureBuilder arch) {
    DecoderShape s = DecoderShape.read(c, DEFAULTS);
    List<Norm> qkNorms = c.bool("use_qk_norm", true) ? Olmo2Family.wideQkNorms(s) : List.of();
    MixtureOfExperts moe = new MixtureOfExperts(c.positive(256, "num_local_experts"),
        c.positive(8, "num_experts_per_tok"), s.intermediateSize(), false, 0, 0, false, false,
        c.bool("use_routing_bias", true));
    arch.shape(s);
    for (int i = 0; i < s.numLayers(); i++) {
      arch.layers.add(new DecoderLayer(s.attention(false, false, qkNorms, false), moe,
          s.preNorms(NormKind.RMS_NORM), 0));
    }
    arch.finalNorms = List.of(s.norm("norm", NormKind.RMS_NORM));
  }
}
