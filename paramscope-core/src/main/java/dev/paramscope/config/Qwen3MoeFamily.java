package dev.paramscope.config;

import dev.paramscope.model.DecoderLayer;
import dev.paramscope.model.FeedForward;
import dev.paramscope.model.MixtureOfExperts;
import dev.paramscope.model.NormKind;
import java.util.List;

/**
 * Qwen3-MoE ({@code Qwen3MoeConfig}, modeling_qwen3_moe.py): Qwen 3 attention (RMS q/k norms
 * over one head, {@code attention_bias}), sparse layers per
 * {@code decoder_sparse_step}/{@code mlp_only_layers} with {@code num_experts} (128) experts of
 * {@code moe_intermediate_size} (768), top {@code num_experts_per_tok} (8), no shared expert.
 */
final class Qwen3MoeFamily implements Family {
  /** Qwen3MoeConfig defaults (no head_dim default: hidden / heads). */
  static final FamilyDefaults DEFAULTS = new FamilyDefaults(151936, 6144, 32, 4, 0, 32768, false);

  @Override
  public List<String> modelTypes() {
    return List.of("qwen3_moe");
  }

  @Override
  public void read(ConfigObject c, String modelType, ArchitectureBuilder arch) {
    DecoderShape s = DecoderShape.read(c, DEFAULTS);
    MixtureOfExperts moe = new MixtureOfExperts(c.positive(128, "num_experts"),
        c.positive(8, "num_experts_per_tok"), c.positive(768, "moe_intermediate_size"), false,
        0, 0, false, false, false);
    boolean[] sparse = MoePlacement.bySparseStep(c, s.numLayers());
    boolean bias = c.bool("attention_bias", false);
    int[] windows = QwenWindows.read(c, s.numLayers());
    arch.shape(s);
    for (int i = 0; i < s.numLayers(); i++) {
      FeedForward ff = sparse[i] ? moe : s.gatedMlp(false);
      arch.layers.add(new DecoderLayer(s.attention(bias, bias, s.perHeadRmsQkNorms(), false), ff,
          s.preNorms(NormKind.RMS_NORM), windows[i]));
    }
    arch.finalNorms = List.of(s.norm("norm", NormKind.RMS_NORM));
  }
}
