package dev.paramscope.config;

import dev.paramscope.model.Attention;
import dev.paramscope.model.DecoderLayer;
import dev.paramscope.model.DenseMlp;
import dev.paramscope.model.FeedForward;
import dev.paramscope.model.Mamba2Mixer;
import dev.paramscope.model.MixtureOfExperts;
import dev.paramscope.model.MultiTokenPrediction;
import dev.paramscope.model.NoFeedForward;
import dev.paramscope.model.NoMixer;
import dev.paramscope.model.Norm;
import dev.paramscope.model.NormKind;
import java.util.List;
import java.util.Locale;

/**
 * Nemotron-H, Nemotron Nano 2 and Nemotron 3 ({@code NemotronHConfig}, modular_nemotron_h.py in
 * transformers): every block is one RMS {@code norm} and one mixer, picked per layer by
 * {@code hybrid_override_pattern} ({@code M} Mamba-2, {@code *} attention, {@code -} MLP,
 * {@code E} mixture of experts) or by {@code layers_block_type} ({@code mamba}/{@code
 * linear_attention}, {@code attention}/{@code full_attention}, {@code mlp}, {@code moe}). So a
 * Mamba or attention block has no feed-forward and an MLP or MoE block has no token mixer. Mamba:
 * {@code mamba_num_heads} (128) heads of {@code mamba_head_dim} (64), {@code ssm_state_size} (128),
 * {@code n_groups} (8), {@code conv_kernel} (4), conv bias per {@code use_conv_bias} (true), in/out
 * projection biases per {@code use_bias} (false), a gated RMSNorm over the inner width. Attention:
 * q, k, v, o with {@code attention_bias}. MLP: up and down projections (squared ReLU, not gated)
 * with {@code mlp_bias}. Final norm {@code norm_f}.
 *
 * <p>MoE ({@code NemotronHMoE}, {@code NemotronHTopkRouter} and {@code NemotronHExperts} in
 * modular_nemotron_h.py; vLLM's nemotron_h.py {@code NemotronHMoE}): a router {@code gate} of
 * {@code n_routed_experts} (8) × hidden without bias plus an {@code e_score_correction_bias} of
 * {@code n_routed_experts} (DeepSeek-V3's sigmoid router; the checkpoints store it in F32);
 * routed experts of {@code moe_intermediate_size} (7688) with up and down only (squared ReLU, no
 * gate, no biases), {@code num_experts_per_tok} (2) per token; shared experts of
 * {@code moe_shared_expert_intermediate_size} (7688), up and down with {@code mlp_bias}, as many
 * as {@code n_shared_experts} (1; vLLM stores them as one MLP of the summed width, transformers
 * builds one); with {@code moe_latent_size} set, the routed experts work at that width between
 * {@code fc1_latent_proj} (hidden → latent) and {@code fc2_latent_proj} (latent → hidden), biases
 * per {@code mlp_bias}.
 *
 * <p>Multi-token prediction ({@code num_nextn_predict_layers}, vLLM's nemotron_h_mtp.py; the
 * {@code mtp.*} tensors transformers skips): one step of the blocks in
 * {@code mtp_hybrid_override_pattern}/{@code mtp_layers_block_type}, its first block holding
 * {@code enorm}, {@code hnorm} and {@code eh_proj}, its last a {@code final_layernorm}; the
 * embedding and head are shared with the body. Read for the one published step shape, an
 * attention block then an MoE block.
 */
final class NemotronHFamily implements Family {
  /** NemotronHConfig defaults. */
  static final FamilyDefaults DEFAULTS = new FamilyDefaults(131072, 21504, 32, 8, 128, 4096, false);

  @Override
  public List<String> modelTypes() {
    return List.of("nemotron_h");
  }

  @Override
  public void read(ConfigObject c, String modelType, ArchitectureBuilder arch) {
    DecoderShape s = DecoderShape.read(c, DEFAULTS);
    char[] blocks = blocks(c, s.numLayers());
    boolean attentionBias = c.bool("attention_bias", false);
    Attention attention = s.attention(attentionBias, attentionBias, List.of(), false);
    Attention mamba = mamba(c);
    FeedForward mlp = new DenseMlp(s.intermediateSize(), false, c.bool("mlp_bias", false));
    List<Norm> norm = List.of(s.norm("norm", NormKind.RMS_NORM));
    boolean sparse = new String(blocks).indexOf('E') >= 0 || c.nonNegative("num_nextn_predict_layers", 0) > 0;
    MixtureOfExperts moe = sparse ? moe(c) : null;
    arch.shape(s);
    for (char block : blocks) {
      arch.layers.add(switch (block) {
        case 'M' -> new DecoderLayer(mamba, new NoFeedForward(), norm, 0);
        case '*' -> new DecoderLayer(attention, new NoFeedForward(), norm, 0);
        case 'E' -> new DecoderLayer(new NoMixer(), moe, norm, 0);
        default -> new DecoderLayer(new NoMixer(), mlp, norm, 0);
      });
    }
    arch.finalNorms = List.of(s.norm("norm_f", NormKind.RMS_NORM));
    int nextN = c.nonNegative("num_nextn_predict_layers", 0);
    if (nextN > 0) {
      // An attention block then an MoE block hold the same tensors as one layer of both with two
      // norms; enorm, hnorm, eh_proj and final_layernorm are MultiTokenPrediction's own.
      mtpPattern(c, nextN);
      arch.multiTokenPrediction = new MultiTokenPrediction(nextN,
          new DecoderLayer(attention, moe, List.of(norm.get(0), norm.get(0)), 0), false, true);
    }
  }

  /** The MoE block as {@code NemotronHMoE} stores it (see the class comment). */
  private static MixtureOfExperts moe(ConfigObject c) {
    int experts = c.positive(8, "n_routed_experts", "num_local_experts");
    int perToken = c.positive(2, "num_experts_per_tok");
    if (perToken > experts) {
      throw c.problem(String.format(Locale.ROOT, "num_experts_per_tok (%d) must not exceed n_routed_experts (%d)",
          perToken, experts));
    }
    int shared = c.nonNegative("n_shared_experts", 1);
    int sharedWidth = shared == 0 ? 0 : c.positive(7688, "moe_shared_expert_intermediate_size");
    return new MixtureOfExperts(experts, perToken, c.positive(7688, "moe_intermediate_size"), false, shared,
        sharedWidth, false, false, true, false, c.nonNegative("moe_latent_size", 0), c.bool("mlp_bias", false));
  }

  /** Checks that the MTP step is one attention block then one MoE block, the shape read. */
  private static void mtpPattern(ConfigObject c, int nextN) {
    StringBuilder pattern = new StringBuilder();
    List<String> listed = c.textList("mtp_layers_block_type");
    for (String type : listed) {
      pattern.append(switch (type) {
        case "attention", "full_attention" -> '*';
        case "moe" -> 'E';
        default -> '?';
      });
    }
    if (listed.isEmpty()) {
      String text = c.text("mtp_hybrid_override_pattern");
      // NemotronHConfig's default MTP step is ["full_attention", "moe"].
      pattern.append(text == null ? "*E" : text);
    }
    if (nextN != 1 || !pattern.toString().equals("*E")) {
      throw c.problem(String.format(Locale.ROOT, "multi-token prediction of %d step(s) of blocks \"%s\" is not "
          + "supported (only one step of an attention block then an MoE block, \"*E\")", nextN, pattern));
    }
  }

  /** One of M, *, - or E per layer, from the pattern or the list; as many as num_hidden_layers. */
  private static char[] blocks(ConfigObject c, int numLayers) {
    String pattern = c.text("hybrid_override_pattern");
    List<String> listed = c.textList("layers_block_type");
    StringBuilder b = new StringBuilder();
    if (!listed.isEmpty()) {
      for (String type : listed) {
        b.append(switch (type) {
          case "mamba", "linear_attention" -> 'M';
          case "attention", "full_attention" -> '*';
          case "mlp" -> '-';
          case "moe" -> 'E';
          default -> throw c.problem("layers_block_type: unknown block type " + ConfigObject.shortText(
              com.fasterxml.jackson.databind.node.TextNode.valueOf(type)) + " (expected mamba, attention, mlp or moe)");
        });
      }
    } else if (pattern != null) {
      b.append(pattern);
    } else {
      throw c.problem("missing required key hybrid_override_pattern or layers_block_type");
    }
    String key = listed.isEmpty() ? "hybrid_override_pattern" : "layers_block_type";
    if (b.length() != numLayers) {
      throw c.problem(String.format(Locale.ROOT, "%s names %d blocks but num_hidden_layers is %d",
          key, b.length(), numLayers));
    }
    for (int i = 0; i < b.length(); i++) {
      char block = b.charAt(i);
      if (block != 'M' && block != '*' && block != '-' && block != 'E') {
        throw c.problem(String.format(Locale.ROOT,
            "%s[%d]: unknown block %s (expected M, *, - or E)", key, i, ConfigObject.shortText(
                com.fasterxml.jackson.databind.node.TextNode.valueOf(String.valueOf(block)))));
      }
    }
    return b.toString().toCharArray();
  }

  private static Mamba2Mixer mamba(ConfigObject c) {
    int groups = c.positive(8, "n_groups", "mamba_n_groups");
    int kernel = c.positive(4, "conv_kernel", "mamba_d_conv");
    boolean convBias = c.has("use_conv_bias") ? c.bool("use_conv_bias", true) : c.bool("mamba_conv_bias", true);
    int heads = c.positive(128, "mamba_num_heads");
    if (heads % groups != 0) {
      throw c.problem(String.format(Locale.ROOT, "n_groups (%d) must divide mamba_num_heads (%d)", groups, heads));
    }
    // NemotronHConfig's mamba_ssm_cache_dtype defaults to "float32"; vLLM keeps the SSM state in it.
    String cacheDtype = c.text("mamba_ssm_cache_dtype");
    return new Mamba2Mixer(heads, c.positive(64, "mamba_head_dim"), c.positive(128, "ssm_state_size"), groups, kernel,
        convBias, c.bool("use_bias", false), true, cacheDtype == null || cacheDtype.equals("float32"));
  }
}
