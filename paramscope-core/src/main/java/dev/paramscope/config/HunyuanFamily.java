package dev.paramscope.config;

import dev.paramscope.model.DecoderLayer;
import dev.paramscope.model.FeedForward;
import dev.paramscope.model.MixtureOfExperts;
import dev.paramscope.model.MultiHeadAttention;
import dev.paramscope.model.Norm;
import dev.paramscope.model.NormKind;
import java.util.List;
import java.util.Locale;

/**
 * Tencent Hunyuan ({@code HunYuanMoEV1Config}/{@code HunYuanDenseV1Config},
 * modular_hunyuan_v1_moe.py and modular_hunyuan_v1_dense.py, and the checkpoints' own
 * modeling_hunyuan.py that wrote them): a Llama decoder with RMS {@code query_layernorm} and
 * {@code key_layernorm} over one head ({@code use_qk_norm}; transformers always builds them),
 * q/k/v/o biases per {@code attention_bias}, MLPs without bias, head width
 * {@code attention_head_dim} or {@code head_dim} (hidden / heads when neither is set).
 *
 * <p>{@code hunyuan_v1_moe}: every layer is a mixture of {@code num_experts} experts of
 * {@code moe_intermediate_size} (else {@code intermediate_size}), top {@code moe_topk}, plus a
 * {@code shared_mlp} of {@code num_shared_expert} experts' width when
 * {@code use_mixed_mlp_moe} (transformers always builds it); the router {@code gate.wg} has
 * no bias and no correction bias. Each of these four keys may be one value or a list with one
 * value per layer ({@code HunYuanTopKGate}, {@code HunYuanMLP}).
 *
 * <p>Cross-layer attention ({@code use_cla}: layers {@code i % cla_share_factor != 0} keep only
 * {@code q_proj} and {@code o_proj} and reuse the K/V of the layer before, so only every
 * {@code cla_share_factor}-th layer has K/V projections and a KV cache of its own;
 * modeling_hunyuan.py {@code HunYuanAttention}, Hunyuan-Large) is not modelled: such a config
 * is refused rather than counted with K/V it does not store. transformers' HunYuanMoEV1 ignores
 * the key; Hunyuan-A13B sets it false.
 */
final class HunyuanFamily implements Family {
  /** HunYuanMoEV1Config / HunYuanDenseV1Config defaults (HunYuan-7B). */
  static final FamilyDefaults DEFAULTS = new FamilyDefaults(290943, 11008, 32, 0, 0, 2048, false);

  @Override
  public List<String> modelTypes() {
    return List.of("hunyuan_v1_dense", "hunyuan_v1_moe");
  }

  @Override
  public void read(ConfigObject c, String modelType, ArchitectureBuilder arch) {
    if (c.bool("use_cla", false)) {
      throw c.problem(String.format(Locale.ROOT, "use_cla: cross-layer attention (K/V shared by every %d layers) "
          + "is not supported yet", c.positive(2, "cla_share_factor")));
    }
    DecoderShape s = withHeadDim(c, DecoderShape.read(c, DEFAULTS));
    List<Norm> qkNorms = c.bool("use_qk_norm", true)
        ? List.of(new Norm("query_layernorm", NormKind.RMS_NORM, s.headDim()),
            new Norm("key_layernorm", NormKind.RMS_NORM, s.headDim()))
        : List.of();
    boolean bias = c.bool("attention_bias", false);
    MultiHeadAttention attention = s.attention(bias, bias, qkNorms, false);
    boolean moe = "hunyuan_v1_moe".equals(modelType);
    arch.shape(s);
    for (int i = 0; i < s.numLayers(); i++) {
      FeedForward ff = moe ? mixture(c, s, i) : s.gatedMlp(false);
      arch.layers.add(new DecoderLayer(attention, ff, s.preNorms(NormKind.RMS_NORM), 0));
    }
    arch.finalNorms = List.of(s.norm("norm", NormKind.RMS_NORM));
  }

  /** The shape with Hunyuan's {@code attention_head_dim}, which the checkpoints' code reads first. */
  private static DecoderShape withHeadDim(ConfigObject c, DecoderShape s) {
    if (!c.has("attention_head_dim")) {
      return s;
    }
    return new DecoderShape(s.vocabSize(), s.hiddenSize(), s.intermediateSize(), s.numLayers(), s.numHeads(),
        s.numKeyValueHeads(), c.positive(0, "attention_head_dim"), s.maxPositionEmbeddings(), s.tieWordEmbeddings());
  }

  /** Layer {@code i}'s mixture ({@code HunYuanMoE}): routed experts, top-k and the shared MLP. */
  private static MixtureOfExperts mixture(ConfigObject c, DecoderShape s, int i) {
    int experts = c.perLayerInt("num_experts", 1, s.numLayers(), i, 1);
    int topK = c.perLayerInt("moe_topk", 1, s.numLayers(), i, 1);
    if (topK > experts) {
      throw c.problem(String.format(Locale.ROOT, "moe_topk (%d) must not exceed num_experts (%d) in layer %d",
          topK, experts, i));
    }
    int width = c.perLayerInt("moe_intermediate_size", s.intermediateSize(), s.numLayers(), i, 1);
    int shared = c.bool("use_mixed_mlp_moe", true)
        ? c.perLayerInt("num_shared_expert", 1, s.numLayers(), i, 0) : 0;
    return new MixtureOfExperts(experts, topK, width, false, shared, shared > 0 ? width : 0, false, false, false);
  }
}
