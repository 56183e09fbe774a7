package dev.paramscope.config;

import dev.paramscope.model.Attention;
import dev.paramscope.model.DecoderLayer;
import dev.paramscope.model.DenseMlp;
import dev.paramscope.model.FeedForward;
import dev.paramscope.model.Mamba2Mixer;
import dev.paramscope.model.NoFeedForward;
import dev.paramscope.model.NoMixer;
import dev.paramscope.model.Norm;
import dev.paramscope.model.NormKind;
import java.util.List;
import java.util.Locale;

/**
 * Nemotron-H and Nemotron Nano 2 ({@code NemotronHConfig}, modular_nemotron_h.py in transformers):
 * every block is one RMS {@code norm} and one mixer, picked per layer by
 * {@code hybrid_override_pattern} ({@code M} Mamba-2, {@code *} attention, {@code -} MLP) or by
 * {@code layers_block_type} ({@code mamba}/{@code linear_attention}, {@code attention}/{@code
 * full_attention}, {@code mlp}). So a Mamba or attention block has no feed-forward and an MLP
 * block has no token mixer. Mamba: {@code mamba_num_heads} (128) heads of {@code mamba_head_dim}
 * (64), {@code ssm_state_size} (128), {@code n_groups} (8), {@code conv_kernel} (4), conv bias per
 * {@code use_conv_bias} (true), in/out projection biases per {@code use_bias} (false), a gated
 * RMSNorm over the inner width. Attention: q, k, v, o with {@code attention_bias}. MLP: up and
 * down projections (squared ReLU, not gated) with {@code mlp_bias}. Final norm {@code norm_f}.
 * The MoE blocks ({@code E}) of Nemotron 3 are not read.
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
    arch.shape(s);
    for (char block : blocks) {
      arch.layers.add(switch (block) {
        case 'M' -> new DecoderLayer(mamba, new NoFeedForward(), norm, 0);
        case '*' -> new DecoderLayer(attention, new NoFeedForward(), norm, 0);
        default -> new DecoderLayer(new NoMixer(), mlp, norm, 0);
      });
    }
    arch.finalNorms = List.of(s.norm("norm_f", NormKind.RMS_NORM));
  }

  /** One of M, * or - per layer, from the pattern or the list; as many as num_hidden_layers. */
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
              com.fasterxml.jackson.databind.node.TextNode.valueOf(type)) + " (expected mamba, attention or mlp)");
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
      if (block == 'E') {
        throw c.problem(key + "[" + i + "]: mixture-of-experts blocks (Nemotron 3) are not supported yet");
      }
      if (block != 'M' && block != '*' && block != '-') {
        throw c.problem(String.format(Locale.ROOT,
            "%s[%d]: unknown block %s (expected M, * or -)", key, i, ConfigObject.shortText(
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
