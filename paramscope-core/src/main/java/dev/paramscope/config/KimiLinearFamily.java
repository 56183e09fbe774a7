package dev.paramscope.config;

import dev.paramscope.model.Attention;
import dev.paramscope.model.DecoderLayer;
import dev.paramscope.model.FeedForward;
import dev.paramscope.model.KimiDeltaAttention;
import dev.paramscope.model.LatentAttention;
import dev.paramscope.model.MixtureOfExperts;
import dev.paramscope.model.NormKind;
import java.util.List;
import java.util.Locale;

/**
 * Kimi Linear ({@code KimiLinearConfig}, modeling_kimi_linear.py): Kimi Delta Attention layers
 * and MLA layers (NoPE, {@code q_lora_rank} null: a plain {@code q_proj}) per {@code layer_types},
 * else per {@code linear_attn_config.full_attn_layers} (1-based; the rest KDA). The first
 * {@code first_k_dense_replace} (1) layers use a dense MLP of {@code intermediate_size}; the rest
 * a DeepSeek-V3-style mixture of {@code num_experts} experts of {@code moe_intermediate_size},
 * top {@code num_experts_per_token}, {@code num_shared_experts} shared, router with
 * {@code e_score_correction_bias}.
 */
final class KimiLinearFamily implements Family {
  /** KimiLinearConfig defaults. */
  static final FamilyDefaults DEFAULTS = new FamilyDefaults(163840, 9216, 32, 0, 0, 1048576, false);

  @Override
  public List<String> modelTypes() {
    return List.of("kimi_linear");
  }

  @Override
  public void read(ConfigObject c, String modelType, ArchitectureBuilder arch) {
    DecoderShape s = DecoderShape.read(c, DEFAULTS);
    ConfigObject linear = c.child("linear_attn_config");
    ConfigObject l = linear == null ? c : linear;
    Attention kda = new KimiDeltaAttention(l.positive(32, linear == null ? "linear_num_heads" : "num_heads"),
        l.positive(128, linear == null ? "linear_head_dim" : "head_dim"),
        l.positive(4, linear == null ? "linear_conv_kernel_dim" : "short_conv_kernel_size"));
    Attention mla = new LatentAttention(s.numHeads(), c.nonNegative("q_lora_rank", 0), c.positive(512, "kv_lora_rank"),
        c.nonNegative("qk_nope_head_dim", 128), c.nonNegative("qk_rope_head_dim", 64), c.positive(128, "v_head_dim"),
        c.bool("attention_bias", false));
    int width = c.positive(1024, "moe_intermediate_size");
    int shared = c.nonNegative("num_shared_experts", c.nonNegative("n_shared_experts", 1));
    MixtureOfExperts moe = new MixtureOfExperts(c.positive(256, "num_experts", "num_local_experts"),
        c.positive(8, "num_experts_per_token", "num_experts_per_tok"), width, false, shared,
        shared > 0 ? width : 0, false, false, true);
    boolean[] full = fullAttention(c, linear, s.numLayers());
    boolean[] sparse = MoePlacement.byFirstDense(c, s.numLayers(), 1);
    arch.shape(s);
    for (int i = 0; i < s.numLayers(); i++) {
      FeedForward ff = sparse[i] ? moe : s.gatedMlp(false);
      arch.layers.add(new DecoderLayer(full[i] ? mla : kda, ff, s.preNorms(NormKind.RMS_NORM), 0));
    }
    arch.finalNorms = List.of(s.norm("norm", NormKind.RMS_NORM));
  }

  private static boolean[] fullAttention(ConfigObject c, ConfigObject linear, int numLayers) {
    boolean[] listed = LayerTypes.fullAttentionListed(c, numLayers);
    if (listed != null) {
      return listed;
    }
    boolean[] full = new boolean[numLayers];
    if (linear == null) {
      throw c.problem("kimi_linear needs layer_types or linear_attn_config.full_attn_layers");
    }
    for (int layer : linear.intList("full_attn_layers")) {
      if (layer < 1 || layer > numLayers) {
        throw c.problem(String.format(Locale.ROOT,
            "linear_attn_config.full_attn_layers: layer %d is outside 1..%d", layer, numLayers));
      }
      full[layer - 1] = true;
    }
    return full;
  }
}
