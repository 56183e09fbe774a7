package dev.paramscope.config;

import dev.paramscope.model.DecoderLayer;
import dev.paramscope.model.FeedForward;
import dev.paramscope.model.MixtureOfExperts;
import dev.paramscope.model.MultiTokenPrediction;
import dev.paramscope.model.Norm;
import dev.paramscope.model.NormKind;
import java.util.List;

/**
 * GLM-4.5 ({@code Glm4MoeConfig}, modeling_glm4_moe.py): grouped-query attention with
 * {@code head_dim} (128), {@code attention_bias} on q/k/v (not o), RMS q/k norms over one head
 * when {@code use_qk_norm}; layers from {@code first_k_dense_replace} (1) on are mixtures of
 * {@code n_routed_experts} (128) experts of {@code moe_intermediate_size} (1408) plus
 * {@code n_shared_experts} (1), router with {@code e_score_correction_bias}.
 * {@code partial_rotary_factor} changes no parameter. {@code num_nextn_predict_layers} MTP
 * modules are extra, counted as DeepSeek-V3 stores them (with embedding and head copies).
 *
 * <p>GLM-4.5V's language model ({@code Glm4vMoeTextConfig}, modeling_glm4v_moe.py, read through
 * {@link Glm4vMoeFamily}) has the same layers with other defaults: vocabulary 151424,
 * 65536 positions, and {@code attention_bias} on.
 */
final class Glm4MoeFamily implements Family {
  /** Glm4MoeConfig defaults. */
  static final FamilyDefaults DEFAULTS = new FamilyDefaults(151552, 10944, 96, 8, 128, 131072, false);
  /** Glm4vMoeTextConfig defaults. */
  static final FamilyDefaults VISION_TEXT_DEFAULTS = new FamilyDefaults(151424, 10944, 96, 8, 128, 65536, false);
  /** The model type of GLM-4.5V's {@code text_config}, read only through {@link Glm4vMoeFamily}. */
  static final String VISION_TEXT_MODEL_TYPE = "glm4v_moe_text";

  @Override
  public List<String> modelTypes() {
    return List.of("glm4_moe");
  }

  @Override
  public void read(ConfigObject c, String modelType, ArchitectureBuilder arch) {
    boolean visionText = VISION_TEXT_MODEL_TYPE.equals(modelType);
    DecoderShape s = DecoderShape.read(c, visionText ? VISION_TEXT_DEFAULTS : DEFAULTS);
    List<Norm> qkNorms = c.bool("use_qk_norm", false) ? s.perHeadRmsQkNorms() : List.of();
    var attention = s.attention(c.bool("attention_bias", visionText), false, qkNorms, false);
    int width = c.positive(1408, "moe_intermediate_size");
    int shared = c.nonNegative("n_shared_experts", 1);
    MixtureOfExperts moe = new MixtureOfExperts(c.positive(128, "n_routed_experts"),
        c.positive(8, "num_experts_per_tok"), width, false, shared, shared > 0 ? width : 0,
        false, false, true);
    boolean[] sparse = MoePlacement.byFirstDense(c, s.numLayers(), 1);
    arch.shape(s);
    for (int i = 0; i < s.numLayers(); i++) {
      FeedForward ff = sparse[i] ? moe : s.gatedMlp(false);
      arch.layers.add(new DecoderLayer(attention, ff, s.preNorms(NormKind.RMS_NORM), 0));
    }
    arch.finalNorms = List.of(s.norm("norm", NormKind.RMS_NORM));
    int nextN = c.nonNegative("num_nextn_predict_layers", 0);
    if (nextN > 0) {
      arch.multiTokenPrediction = new MultiTokenPrediction(nextN,
          new DecoderLayer(attention, moe, s.preNorms(NormKind.RMS_NORM), 0), true);
    }
  }
}
