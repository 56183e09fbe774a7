package dev.paramscope.config;

import dev.paramscope.model.Attention;
import dev.paramscope.model.DecoderLayer;
import dev.paramscope.model.LightningAttention;
import dev.paramscope.model.MixtureOfExperts;
import dev.paramscope.model.NormKind;
import java.util.List;
import java.util.Locale;

/**
 * MiniMax-Text-01 and MiniMax-M1 ({@code MiniMaxConfig}, modeling_minimax.py; {@code minimax} in
 * transformers, {@code minimax_text_01} in the original repository's code): lightning-attention
 * layers and grouped-query softmax-attention layers per {@code layer_types}, else per
 * {@code attn_type_list} (1 = softmax, 0 = lightning), else alternating from a softmax layer 0 (the
 * MiniMaxConfig default); every
 * layer a mixture of {@code num_local_experts} experts of {@code intermediate_size}, top
 * {@code num_experts_per_tok}, bias-free router; no biases anywhere; untied head.
 */
final class MiniMaxFamily implements Family {
  /** MiniMaxConfig defaults. */
  static final FamilyDefaults DEFAULTS = new FamilyDefaults(32000, 14336, 32, 8, 0, 131072, false);

  @Override
  public List<String> modelTypes() {
    return List.of("minimax", "minimax_text_01");
  }

  @Override
  public void read(ConfigObject c, String modelType, ArchitectureBuilder arch) {
    DecoderShape s = DecoderShape.read(c, DEFAULTS);
    Attention softmax = s.attention(false, false, List.of(), false);
    Attention lightning = new LightningAttention(s.numHeads(), s.headDim());
    MixtureOfExperts moe = new MixtureOfExperts(c.positive(8, "num_local_experts"), c.positive(2, "num_experts_per_tok"),
        s.intermediateSize(), false, 0, 0, false, false, false);
    boolean[] full = softmaxLayers(c, s.numLayers());
    arch.shape(s);
    for (int i = 0; i < s.numLayers(); i++) {
      arch.layers.add(new DecoderLayer(full[i] ? softmax : lightning, moe, s.preNorms(NormKind.RMS_NORM), 0));
    }
    arch.finalNorms = List.of(s.norm("norm", NormKind.RMS_NORM));
  }

  private static boolean[] softmaxLayers(ConfigObject c, int numLayers) {
    boolean[] listed = LayerTypes.fullAttentionListed(c, numLayers);
    if (listed != null) {
      return listed;
    }
    boolean[] full = new boolean[numLayers];
    List<Integer> list = c.intList("attn_type_list");
    if (!list.isEmpty() && list.size() != numLayers) {
      throw c.problem(String.format(Locale.ROOT, "attn_type_list has %d entries but num_hidden_layers is %d",
          list.size(), numLayers));
    }
    for (int i = 0; i < numLayers; i++) {
      full[i] = list.isEmpty() ? (i + 1) % 2 != 0 : list.get(i) == 1;
    }
    return full;
  }
}
