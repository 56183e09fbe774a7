package dev.paramscope.config;

import dev.paramscope.model.Attention;
import dev.paramscope.model.DecoderLayer;
import dev.paramscope.model.DenseMlp;
import dev.paramscope.model.FeedForward;
import dev.paramscope.model.Mamba2Mixer;
import dev.paramscope.model.MixtureOfExperts;
import dev.paramscope.model.NormKind;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Granite 4 ({@code GraniteMoeHybridConfig}, modeling_granitemoehybrid.py): each layer is a
 * Mamba-2 mixer or grouped-query attention per {@code layer_types} ({@code mamba}/{@code
 * attention}, or their current names {@code linear_attention}/{@code full_attention}; all Mamba
 * when absent), then a gated shared MLP of {@code shared_intermediate_size}
 * ({@code input_linear} hidden → 2·S, {@code output_linear}) plus, when
 * {@code num_local_experts} > 0, routed experts of {@code intermediate_size} with a bias-free
 * router. Mamba: {@code mamba_n_heads} (128) heads of {@code mamba_d_head} ("auto":
 * {@code mamba_expand}·hidden / heads), {@code mamba_d_state} (256), {@code mamba_n_groups} (1),
 * {@code mamba_d_conv} (4), {@code mamba_conv_bias} (true), {@code mamba_proj_bias} (false).
 */
final class GraniteMoeHybridFamily implements Family {
  /** GraniteMoeHybridConfig defaults. */
  static final FamilyDefaults DEFAULTS = new FamilyDefaults(32000, 11008, 32, 0, 0, 2048, true);

  private static final Set<String> TYPES = Set.of("mamba", "attention", "linear_attention", "full_attention");

  @Override
  public List<String> modelTypes() {
    return List.of("granitemoehybrid");
  }

  @Override
  public void read(ConfigObject c, String modelType, ArchitectureBuilder arch) {
    DecoderShape s = DecoderShape.read(c, DEFAULTS);
    boolean bias = c.bool("attention_bias", false);
    Attention attention = s.attention(bias, bias, List.of(), false);
    Attention mamba = mamba(c, s.hiddenSize());
    String[] types = new String[s.numLayers()];
    java.util.Arrays.fill(types, "mamba");
    if (!c.textList("layer_types").isEmpty()) {
      types = LayerTypes.read(c, s.numLayers(), "", 1, "mamba", TYPES);
    }
    FeedForward ff = feedForward(c, s);
    arch.shape(s);
    for (int i = 0; i < s.numLayers(); i++) {
      boolean attends = types[i].equals("attention") || types[i].equals("full_attention");
      arch.layers.add(new DecoderLayer(attends ? attention : mamba, ff, s.preNorms(NormKind.RMS_NORM), 0));
    }
    arch.finalNorms = List.of(s.norm("norm", NormKind.RMS_NORM));
  }

  private static Mamba2Mixer mamba(ConfigObject c, int hidden) {
    int heads = c.positive(128, "mamba_n_heads");
    long inner = (long) c.positive(2, "mamba_expand") * hidden;
    int headDim = "auto".equals(c.text("mamba_d_head")) || !c.has("mamba_d_head")
        ? (int) (inner / heads) : c.positive(0, "mamba_d_head");
    if (headDim <= 0 || (long) headDim * heads != inner) {
      throw c.problem(String.format(Locale.ROOT,
          "mamba_d_head (%d) × mamba_n_heads (%d) must equal mamba_expand × hidden_size (%d)", headDim, heads, inner));
    }
    return new Mamba2Mixer(heads, headDim, c.positive(256, "mamba_d_state"), c.positive(1, "mamba_n_groups"),
        c.positive(4, "mamba_d_conv"), c.bool("mamba_conv_bias", true), c.bool("mamba_proj_bias", false), true);
  }

  /** The shared MLP alone, or routed experts beside it as one always-active shared expert. */
  private static FeedForward feedForward(ConfigObject c, DecoderShape s) {
    int shared = c.positive(1024, "shared_intermediate_size");
    int experts = c.nonNegative("num_local_experts", 0);
    if (experts == 0) {
      return new DenseMlp(shared, true, false);
    }
    return new MixtureOfExperts(experts, c.positive(2, "num_experts_per_tok"), s.intermediateSize(), false,
        1, shared, false, false, false);
  }
}
