package dev.paramscope.config;

import dev.paramscope.model.Attention;
import dev.paramscope.model.DecoderLayer;
import dev.paramscope.model.FeedForward;
import dev.paramscope.model.GatedDeltaNet;
import dev.paramscope.model.MixtureOfExperts;
import dev.paramscope.model.NormKind;
import java.util.List;
import java.util.Set;

/**
 * Qwen3-Next ({@code Qwen3NextConfig}, modeling_qwen3_next.py): a hybrid of Gated DeltaNet
 * linear-attention layers and gated full-attention layers, per {@code layer_types} or else every
 * {@code full_attention_interval}-th (4) layer full. Full attention has {@code head_dim} (256),
 * RMS q/k norms over one head and an output gate ({@code q_proj} twice as wide); linear layers
 * use {@code linear_num_key_heads} (16) × {@code linear_key_head_dim} (128) keys and
 * {@code linear_num_value_heads} (32) × {@code linear_value_head_dim} (128) values with a
 * {@code linear_conv_kernel_dim} (4) convolution. Feed-forward per {@code decoder_sparse_step}/
 * {@code mlp_only_layers}: {@code num_experts} (512) experts of {@code moe_intermediate_size}
 * (512), top {@code num_experts_per_tok} (10), one gated shared expert of
 * {@code shared_expert_intermediate_size} (512). The MTP module some checkpoints store is not read.
 */
final class Qwen3NextFamily implements Family {
  /** Qwen3NextConfig defaults. */
  static final FamilyDefaults DEFAULTS = new FamilyDefaults(151936, 5632, 16, 2, 256, 32768, false);

  @Override
  public List<String> modelTypes() {
    return List.of("qwen3_next");
  }

  @Override
  public void read(ConfigObject c, String modelType, ArchitectureBuilder arch) {
    DecoderShape s = DecoderShape.read(c, DEFAULTS);
    int shared = c.nonNegative("shared_expert_intermediate_size", 512);
    MixtureOfExperts moe = new MixtureOfExperts(c.positive(512, "num_experts"),
        c.positive(10, "num_experts_per_tok"), c.positive(512, "moe_intermediate_size"), false,
        shared > 0 ? 1 : 0, shared, shared > 0, false, false);
    boolean[] sparse = MoePlacement.bySparseStep(c, s.numLayers());
    boolean bias = c.bool("attention_bias", false);
    Attention full = new dev.paramscope.model.MultiHeadAttention(s.numHeads(), s.numKeyValueHeads(), s.headDim(),
        bias, bias, s.perHeadRmsQkNorms(), false, true);
    Attention linear = new GatedDeltaNet(c.positive(16, "linear_num_key_heads"),
        c.positive(32, "linear_num_value_heads"), c.positive(128, "linear_key_head_dim"),
        c.positive(128, "linear_value_head_dim"), c.positive(4, "linear_conv_kernel_dim"));
    String[] types = LayerTypes.read(c, s.numLayers(), "full_attention_interval", 4, "linear_attention",
        Set.of("full_attention", "linear_attention"));
    arch.shape(s);
    for (int i = 0; i < s.numLayers(); i++) {
      FeedForward ff = sparse[i] ? moe : s.gatedMlp(false);
      arch.layers.add(new DecoderLayer("full_attention".equals(types[i]) ? full : linear, ff,
          s.preNorms(NormKind.RMS_NORM), 0));
    }
    arch.finalNorms = List.of(s.norm("norm", NormKind.RMS_NORM));
  }
}
