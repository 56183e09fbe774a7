package dev.paramscope.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paramscope.model.DecoderLayer;
import dev.paramscope.model.DenseMlp;
import dev.paramscope.model.FeedForward;
import dev.paramscope.model.MixtureOfExperts;
import dev.paramscope.model.MultiHeadAttention;
import dev.paramscope.model.MultiTokenPrediction;
import dev.paramscope.model.NormKind;
import java.util.List;
import java.util.Locale;

/**
 * ERNIE 4.5 ({@code Ernie4_5Config}/{@code Ernie4_5_MoeConfig}, modular_ernie4_5.py and
 * modular_ernie4_5_moe.py): a Llama decoder whose q/k/v/o and MLP projections all carry biases
 * when {@code use_bias}.
 *
 * <p>{@code ernie4_5_moe}: layer i is a mixture when {@code (i + 1) % moe_layer_interval == 0}
 * and {@code moe_layer_start_index <= i <= moe_layer_end_index} (-1: the last layer;
 * {@code Ernie4_5_MoeDecoderLayer}); the others are dense MLPs of {@code intermediate_size}.
 * A mixture holds {@code moe_num_experts} experts of {@code moe_intermediate_size}, top
 * {@code moe_k}, and one shared MLP of {@code moe_num_shared_experts × moe_intermediate_size}
 * (as many parameters as that many experts; {@code Ernie4_5_MoeSparseMoeBlock}). The router
 * {@code gate} has no bias and {@code moe_statics.e_score_correction_bias} stores one
 * correction per expert, counted like DeepSeek-V3's. The MoE head has a bias with
 * {@code use_bias}, the dense model's never.
 *
 * <p>{@code num_nextn_predict_layers} MTP modules, which the "-PT" checkpoints store and
 * transformers skips ({@code _keys_to_ignore_on_load_unexpected = ["mtp"]}), are extra: each is
 * {@code mtp_emb_norm} and {@code mtp_hidden_norm} (RMS over hidden), {@code mtp_linear_proj}
 * (2·hidden → hidden) and a dense Llama layer {@code mtp_block} of {@code intermediate_size},
 * with no final norm and no embedding or head copy (vLLM ernie_mtp.py,
 * {@code ErnieMultiTokenPredictorLayer}).
 *
 * <p>Not modelled, as every published config has {@code use_bias} false: the biases
 * {@code use_bias} would add to the shared MLP.
 */
final class Ernie45Family implements Family {
  /** Ernie4_5Config defaults (ERNIE-4.5-0.3B). */
  static final FamilyDefaults DENSE_DEFAULTS = new FamilyDefaults(103424, 3072, 16, 2, 128, 131072, true);
  /** Ernie4_5_MoeConfig defaults (ERNIE-4.5-21B-A3B); head_dim is hidden / heads. */
  static final FamilyDefaults MOE_DEFAULTS = new FamilyDefaults(103424, 12288, 20, 4, 0, 131072, true);

  @Override
  public List<String> modelTypes() {
    return List.of("ernie4_5", "ernie4_5_moe");
  }

  @Override
  public void read(ConfigObject c, String modelType, ArchitectureBuilder arch) {
    boolean moe = "ernie4_5_moe".equals(modelType);
    DecoderShape s = DecoderShape.read(c, moe ? MOE_DEFAULTS : DENSE_DEFAULTS);
    boolean bias = c.bool("use_bias", false);
    MultiHeadAttention attention = s.attention(bias, bias, List.of(), false);
    DenseMlp dense = s.gatedMlp(bias);
    MixtureOfExperts experts = moe ? mixture(c, bias) : null;
    boolean[] sparse = moe ? sparseLayers(c, s.numLayers()) : new boolean[s.numLayers()];
    arch.shape(s);
    for (int i = 0; i < s.numLayers(); i++) {
      FeedForward ff = sparse[i] ? experts : dense;
      arch.layers.add(new DecoderLayer(attention, ff, s.preNorms(NormKind.RMS_NORM), 0));
    }
    arch.finalNorms = List.of(s.norm("norm", NormKind.RMS_NORM));
    arch.lmHeadBias = moe && bias;
    int nextN = c.nonNegative("num_nextn_predict_layers", 0);
    if (moe && nextN > 0) {
      arch.multiTokenPrediction = new MultiTokenPrediction(nextN,
          new DecoderLayer(attention, dense, s.preNorms(NormKind.RMS_NORM), 0), false, false);
    }
  }

  /** The routed and shared experts of one mixture layer ({@code Ernie4_5_MoeSparseMoeBlock}). */
  private static MixtureOfExperts mixture(ConfigObject c, boolean bias) {
    int experts = c.positive(64, "moe_num_experts");
    int topK = c.positive(6, "moe_k");
    if (topK > experts) {
      throw c.problem(String.format(Locale.ROOT, "moe_k (%d) must not exceed moe_num_experts (%d)", topK, experts));
    }
    int width = c.positive(1536, "moe_intermediate_size");
    int shared = c.nonNegative("moe_num_shared_experts", 2);
    return new MixtureOfExperts(experts, topK, width, bias, shared, shared > 0 ? width : 0,
        false, false, true);
  }

  /**
   * Which layers are mixtures: {@code (i + 1) % moe_layer_interval == 0} and
   * {@code moe_layer_start_index <= i <= moe_layer_end_index}, -1 meaning the last layer
   * (Ernie4_5_MoeConfig defaults 1, -1, 1).
   */
  static boolean[] sparseLayers(ConfigObject c, int numLayers) {
    int start = c.nonNegative("moe_layer_start_index", 1);
    JsonNode end = c.node().get("moe_layer_end_index");
    int last = end != null && end.isIntegralNumber() && end.longValue() == -1
        ? numLayers - 1 : c.nonNegative("moe_layer_end_index", numLayers - 1);
    int interval = c.positive(1, "moe_layer_interval");
    boolean[] sparse = new boolean[numLayers];
    for (int i = 0; i < numLayers; i++) {
      sparse[i] = (i + 1) % interval == 0 && i >= start && i <= last;
    }
    return sparse;
  }
}
