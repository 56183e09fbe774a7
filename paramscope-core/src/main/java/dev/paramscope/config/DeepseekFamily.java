package dev.paramscope.config;

import dev.paramscope.model.DecoderLayer;
import dev.paramscope.model.FeedForward;
import dev.paramscope.model.LatentAttention;
import dev.paramscope.model.MixtureOfExperts;
import dev.paramscope.model.MultiTokenPrediction;
import dev.paramscope.model.NormKind;
import dev.paramscope.model.SparseIndexer;
import java.util.List;

/**
 * DeepSeek-V2, V3 and V3.2 and Kimi K2 ({@code DeepseekV2Config}/{@code DeepseekV3Config}/
 * {@code DeepseekV32Config}, modeling_deepseek_v3.py and modeling_deepseek_v32.py; Kimi K2 ships
 * the DeepSeek-V3 architecture as {@code kimi_k2}). V3.2 is V3 plus DeepSeek Sparse Attention's
 * lightning indexer in every layer.
 *
 * <p>Multi-head latent attention; layers from {@code first_k_dense_replace} on (every
 * {@code moe_layer_freq}-th) are mixtures of {@code n_routed_experts} experts of
 * {@code moe_intermediate_size} plus {@code n_shared_experts} shared ones; dense layers use
 * {@code intermediate_size}. V3 routers store {@code e_score_correction_bias} (V2 only with
 * {@code topk_method} "noaux_tc"). {@code num_nextn_predict_layers} MTP modules (each a MoE
 * layer with its own embedding and head copy) are extra, not in the total.
 *
 * <p>Deviation from the HF default: a V2 config without {@code q_lora_rank} is read as null (a
 * plain {@code q_proj}, as the DeepSeek-V2-Lite checkpoint stores it); HF would assume 1536.
 */
final class DeepseekFamily implements Family {
  /**
   * DeepseekV3Config defaults (also Kimi K2). {@code num_key_value_heads} plays no part in MLA,
   * so it defaults to the head count rather than HF's 128.
   */
  static final FamilyDefaults V3_DEFAULTS = new FamilyDefaults(129280, 18432, 128, 0, 0, 4096, false);
  /** DeepseekV2Config defaults. */
  static final FamilyDefaults V2_DEFAULTS = new FamilyDefaults(102400, 11008, 32, 0, 0, 2048, false);

  /**
   * DeepSeek-V3.2's lightning indexer ({@code DeepseekV32Config} defaults: {@code index_n_heads}
   * 64, {@code index_head_dim} 128, {@code index_topk} 2048); null for the dense-attention types.
   */
  private static SparseIndexer indexer(ConfigObject c, String modelType) {
    if (!"deepseek_v32".equals(modelType)) {
      return null;
    }
    return new SparseIndexer(c.positive(64, "index_n_heads"), c.positive(128, "index_head_dim"),
        c.positive(2048, "index_topk"));
  }

  /**
   * {@code q_lora_rank}: an explicit null is a plain {@code q_proj} (Moonlight and Kimi-VL's
   * language model store one), as {@code DeepseekV3Attention} builds it; absent, V3's default is
   * 1536 and V2 reads as null (see the class comment).
   */
  private static int qLoraRank(ConfigObject c, boolean v2) {
    if (c.node().has("q_lora_rank") && c.node().get("q_lora_rank").isNull()) {
      return 0;
    }
    return c.nonNegative("q_lora_rank", v2 ? 0 : 1536);
  }

  @Override
  public List<String> modelTypes() {
    return List.of("deepseek_v2", "deepseek_v3", "deepseek_v32", "kimi_k2");
  }

  @Override
  public void read(ConfigObject c, String modelType, ArchitectureBuilder arch) {
    boolean v2 = "deepseek_v2".equals(modelType);
    DecoderShape s = DecoderShape.read(c, v2 ? V2_DEFAULTS : V3_DEFAULTS);
    if (v2 && !c.node().has("q_lora_rank")) {
      arch.warnings.add("q_lora_rank absent: read as null (plain q_proj, as DeepSeek-V2-Lite stores it)");
    }
    LatentAttention attention = new LatentAttention(s.numHeads(), qLoraRank(c, v2), c.positive(512, "kv_lora_rank"),
        c.nonNegative("qk_nope_head_dim", 128), c.nonNegative("qk_rope_head_dim", 64),
        c.positive(128, "v_head_dim"), c.bool("attention_bias", false), indexer(c, modelType));
    int routed = c.nonNegative("n_routed_experts", v2 ? 0 : 256);
    int moeWidth = c.positive(v2 ? 1407 : 2048, "moe_intermediate_size");
    int shared = c.nonNegative("n_shared_experts", v2 ? 0 : 1);
    MixtureOfExperts moe = routed == 0 ? null : new MixtureOfExperts(routed,
        c.positive(8, "num_experts_per_tok"), moeWidth, false, shared, shared > 0 ? moeWidth : 0,
        false, false, !v2 || "noaux_tc".equals(c.text("topk_method")));
    boolean[] sparse = MoePlacement.byFirstDense(c, s.numLayers(), v2 ? 0 : 3);
    arch.shape(s);
    for (int i = 0; i < s.numLayers(); i++) {
      FeedForward ff = sparse[i] && moe != null ? moe : s.gatedMlp(false);
      arch.layers.add(new DecoderLayer(attention, ff, s.preNorms(NormKind.RMS_NORM), 0));
    }
    arch.finalNorms = List.of(s.norm("norm", NormKind.RMS_NORM));
    int nextN = c.nonNegative("num_nextn_predict_layers", 0);
    if (nextN > 0) {
      arch.multiTokenPrediction = new MultiTokenPrediction(nextN, new DecoderLayer(attention,
          moe != null ? moe : s.gatedMlp(false), s.preNorms(NormKind.RMS_NORM), 0), true);
    }
  }
}
