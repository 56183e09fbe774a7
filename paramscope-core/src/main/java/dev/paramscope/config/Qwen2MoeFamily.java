package dev.paramscope.config;

import dev.paramscope.model.DecoderLayer;
import dev.paramscope.model.FeedForward;
import dev.paramscope.model.MixtureOfExperts;
import dev.paramscope.model.NormKind;
import java.util.List;

/**
 * Qwen2-MoE ({@code Qwen2MoeConfig}, modeling_qwen2_moe.py): Qwen 2 attention (q/k/v bias),
 * sparse layers per {@code decoder_sparse_step}/{@code mlp_only_layers} with
 * {@code num_experts} experts of {@code moe_intermediate_size}, one shared expert of
 * {@code shared_expert_intermediate_size} gated by {@code shared_expert_gate}
 * (Linear(hidden, 1), no bias); dense layers use {@code intermediate_size}.
 */
final class Qwen2MoeFamily implements Family {
  /** Qwen2MoeConfig defaults. */
  static final FamilyDefaults DEFAULTS = new FamilyDefaults(151936, 5632, 16, 16, 0, 32768, false);

  @Override
  public List<String> modelTypes() {
    return List.of("qwen2_moe");
  }

  @Override
  public void read(ConfigObject c, String modelType, ArchitectureBuilder arch) {
    DecoderShape s = DecoderShape.read(c, DEFAULTS);
    int shared = c.nonNegative("shared_expert_intermediate_size", 5632);
    MixtureOfExperts moe = new MixtureOfExperts(c.positive(60, "num_experts"),
        c.positive(4, "num_experts_per_tok"), c.positive(1408, "moe_intermediate_size"), false,
        shared > 0 ? 1 : 0, shared, shared > 0, false, false);
    boolean[] sparse = MoePlacement.bySparseStep(c, s.numLayers());
    boolean qkvBias = c.bool("qkv_bias", true);
    int[] windows = QwenWindows.read(c, s.numLayers());
    arch.shape(s);
    for (int i = 0; i < s.numLayers(); i++) {
      FeedForward ff = sparse[i] ? moe : s.gatedMlp(false);
      arch.layers.add(new DecoderLayer(s.attention(qkvBias, false, List.of(), false), ff,
          s.preNorms(NormKind.RMS_NORM), windows[i]));
    }
    arch.finalNorms = List.of(s.norm("norm", NormKind.RMS_NORM));
  }
}
