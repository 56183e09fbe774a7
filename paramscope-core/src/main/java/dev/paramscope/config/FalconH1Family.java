package dev.paramscope.config;

import dev.paramscope.model.DecoderLayer;
import dev.paramscope.model.DenseMlp;
import dev.paramscope.model.Mamba2Mixer;
import dev.paramscope.model.MultiHeadAttention;
import dev.paramscope.model.NormKind;
import java.util.List;
import java.util.Locale;

/**
 * Falcon-H1 ({@code FalconH1Config}, configuration_falcon_h1.py and modeling_falcon_h1.py): every
 * layer is a parallel hybrid ({@code FalconH1DecoderLayer}): {@code input_layernorm}, then a
 * Mamba-2 mixer and grouped-query attention on the same normed input, their outputs summed, then
 * {@code pre_ff_layernorm} and a SwiGLU MLP; a final {@code final_layernorm}.
 *
 * <p>Attention ({@code FalconH1Attention}): q (hidden → heads·{@code head_dim}), k and v (hidden →
 * kv heads·head_dim), o (heads·head_dim → hidden), biases per {@code attention_bias}; the width is
 * heads·head_dim, not the hidden size. Mamba ({@code FalconH1Mixer}): inner width
 * {@code mamba_d_ssm} (1024 when absent; when null, {@code mamba_expand}·hidden), {@code mamba_n_heads} heads of
 * {@code mamba_d_head} ("auto": inner / heads), {@code mamba_n_groups}, {@code mamba_d_state},
 * {@code mamba_d_conv}, conv bias per {@code mamba_conv_bias}, the gated RMSNorm only with
 * {@code mamba_rms_norm}; in_proj's bias is {@code mamba_proj_bias}, out_proj's
 * {@code projectors_bias}. MLP biases per {@code mlp_bias}.
 *
 * <p>Not parameters: the muP multipliers ({@code embedding_multiplier}, {@code key_multiplier},
 * {@code ssm_multipliers} ...) are config scalars, and {@code mup_vector} is a non-persistent
 * buffer ({@code FalconH1Model} registers it with {@code persistent=False}).
 */
final class FalconH1Family implements Family {
  /** FalconH1Config defaults. */
  static final FamilyDefaults DEFAULTS = new FamilyDefaults(128000, 14336, 32, 8, 0, 8192, false);
  /** FalconH1Config's {@code mamba_d_ssm} default. */
  private static final int DEFAULT_D_SSM = 1024;

  @Override
  public List<String> modelTypes() {
    return List.of("falcon_h1");
  }

  @Override
  public void read(ConfigObject c, String modelType, ArchitectureBuilder arch) {
    DecoderShape s = DecoderShape.read(c, DEFAULTS);
    boolean attentionBias = c.bool("attention_bias", false);
    MultiHeadAttention attention = s.attention(attentionBias, attentionBias, List.of(), false);
    Mamba2Mixer mamba = mamba(c, s.hiddenSize());
    DenseMlp mlp = s.gatedMlp(c.bool("mlp_bias", false));
    arch.shape(s);
    for (int i = 0; i < s.numLayers(); i++) {
      arch.layers.add(new DecoderLayer(attention, mlp, List.of(s.norm("input_layernorm", NormKind.RMS_NORM),
          s.norm("pre_ff_layernorm", NormKind.RMS_NORM)), 0, 0, mamba));
    }
    arch.finalNorms = List.of(s.norm("final_layernorm", NormKind.RMS_NORM));
  }

  /** The Mamba-2 mixer of {@code FalconH1Mixer}, validated as {@code FalconH1Config.validate_architecture} does. */
  private static Mamba2Mixer mamba(ConfigObject c, int hidden) {
    long inner = !c.node().has("mamba_d_ssm") ? DEFAULT_D_SSM
        : c.has("mamba_d_ssm") ? c.positive(0, "mamba_d_ssm") : (long) c.positive(2, "mamba_expand") * hidden;
    int heads = c.positive(128, "mamba_n_heads");
    boolean auto = !c.has("mamba_d_head") || "auto".equals(c.text("mamba_d_head"));
    int headDim = auto ? (int) (inner / heads) : c.positive(0, "mamba_d_head");
    if (headDim <= 0 || (long) headDim * heads != inner) {
      throw c.problem(String.format(Locale.ROOT,
          "mamba_d_head (%d) × mamba_n_heads (%d) must equal the Mamba inner width (mamba_d_ssm or"
              + " mamba_expand × hidden_size: %d)", headDim, heads, inner));
    }
    boolean inBias = c.bool("mamba_proj_bias", false);
    if (inBias != c.bool("projectors_bias", false)) {
      throw c.problem("mamba_proj_bias (in_proj) and projectors_bias (out_proj) differ; paramscope reads one"
          + " bias setting for both Mamba projections");
    }
    return new Mamba2Mixer(heads, headDim, c.positive(256, "mamba_d_state"), c.positive(1, "mamba_n_groups"),
        c.positive(4, "mamba_d_conv"), c.bool("mamba_conv_bias", true), inBias, c.bool("mamba_rms_norm", false));
  }
}
