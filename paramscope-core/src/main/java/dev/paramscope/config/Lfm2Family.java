package dev.paramscope.config;

import dev.paramscope.model.Attention;
import dev.paramscope.model.DecoderLayer;
import dev.paramscope.model.DenseMlp;
import dev.paramscope.model.ShortConvolution;
import dev.paramscope.model.NormKind;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * LFM2 ({@code Lfm2Config}, modeling_lfm2.py): gated short-convolution layers and grouped-query
 * attention layers (RMS q/k layernorms over one head, no biases) per {@code layer_types}
 * ({@code conv}/{@code full_attention}), else attention at {@code full_attn_idxs} (0-based) and
 * convolutions elsewhere. Each layer has an {@code operator_norm} and an {@code ffn_norm} and a
 * gated MLP whose width is {@code block_ff_dim}, shrunk when {@code block_auto_adjust_ff_dim}
 * (true) to ⌈{@code block_ffn_dim_multiplier} · ⌊2/3 · ff⌋ / {@code block_multiple_of}⌉ ·
 * {@code block_multiple_of}. The model's one final norm is its {@code embedding_norm}; the head
 * is tied by default.
 */
final class Lfm2Family implements Family {
  /** Lfm2Config defaults. */
  static final FamilyDefaults DEFAULTS = new FamilyDefaults(65536, 12288, 32, 8, 0, 128000, true);

  @Override
  public List<String> modelTypes() {
    return List.of("lfm2");
  }

  @Override
  public void read(ConfigObject c, String modelType, ArchitectureBuilder arch) {
    DecoderShape s = DecoderShape.read(c, DEFAULTS);
    Attention attention = s.attention(false, false, s.perHeadRmsQkNorms(), false);
    boolean bias = c.bool("conv_bias", false);
    Attention conv = new ShortConvolution(s.hiddenSize(), c.positive(3, "conv_L_cache"), bias);
    boolean[] attends = attentionLayers(c, s.numLayers());
    DenseMlp mlp = new DenseMlp(ffWidth(c), true, false);
    arch.shape(s);
    for (int i = 0; i < s.numLayers(); i++) {
      arch.layers.add(new DecoderLayer(attends[i] ? attention : conv, mlp,
          List.of(s.norm("operator_norm", NormKind.RMS_NORM), s.norm("ffn_norm", NormKind.RMS_NORM)), 0));
    }
    arch.finalNorms = List.of(s.norm("embedding_norm", NormKind.RMS_NORM));
  }

  /** The MLP width modeling_lfm2.py's Lfm2MLP computes from block_ff_dim (intermediate_size). */
  static int ffWidth(ConfigObject c) {
    int ff = c.positive(12288, "block_ff_dim", "intermediate_size");
    if (!c.bool("block_auto_adjust_ff_dim", true)) {
      return ff;
    }
    long width = 2L * ff / 3;
    com.fasterxml.jackson.databind.JsonNode multiplierNode = c.node().get("block_ffn_dim_multiplier");
    if (multiplierNode == null || !multiplierNode.isNull()) {
      // Absent means the default 1.0; JSON null skips the multiplier and the rounding.
      double multiplier = multiplierNode == null ? 1.0 : multiplierNode.asDouble(Double.NaN);
      if (!isNumberOrAbsent(multiplierNode) || !(multiplier > 0 && multiplier <= 64)) {
        throw c.problem("block_ffn_dim_multiplier: expected a number in (0, 64], got "
            + ConfigObject.shortText(multiplierNode));
      }
      int multiple = c.positive(256, "block_multiple_of");
      width = (long) (multiplier * width);
      width = multiple * ((width + multiple - 1) / multiple);
    }
    if (width <= 0 || width > ConfigObject.MAX_SIZE) {
      throw c.problem(String.format(Locale.ROOT, "block_ff_dim: the adjusted MLP width %d is out of range", width));
    }
    return (int) width;
  }

  private static boolean isNumberOrAbsent(com.fasterxml.jackson.databind.JsonNode node) {
    return node == null || node.isNumber();
  }

  private static boolean[] attentionLayers(ConfigObject c, int numLayers) {
    boolean[] attends = new boolean[numLayers];
    if (!c.textList("layer_types").isEmpty()) {
      String[] types = LayerTypes.read(c, numLayers, "", 1, "conv",
          Set.of("conv", "full_attention", "linear_attention"));
      for (int i = 0; i < numLayers; i++) {
        attends[i] = "full_attention".equals(types[i]);
      }
      return attends;
    }
    if (!c.has("full_attn_idxs")) {
      java.util.Arrays.fill(attends, true);
      return attends;
    }
    for (int i : c.intList("full_attn_idxs")) {
      if (i >= numLayers) {
        throw c.problem(String.format(Locale.ROOT, "full_attn_idxs: layer %d is past num_hidden_layers %d", i, numLayers));
      }
      attends[i] = true;
    }
    return attends;
  }
}
