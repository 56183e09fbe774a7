package dev.paramscope.config;

import dev.paramscope.model.DecoderLayer;
import dev.paramscope.model.DenseMlp;
import dev.paramscope.model.NormKind;
import java.util.List;

/**
 * Apertus ({@code ApertusConfig}, modeling_apertus.py): grouped-query attention with
 * {@code attention_bias} and RMS q/k norms over one head; a two-matrix MLP ({@code up_proj},
 * {@code down_proj}, no gate) whose xIELU activation ({@code hidden_act} "xielu") learns
 * {@code alpha_p} and {@code alpha_n} per layer (its {@code beta} and {@code eps} are buffers);
 * RMS {@code attention_layernorm} and {@code feedforward_layernorm}; untied head.
 */
final class ApertusFamily implements Family {
  /** ApertusConfig defaults. */
  static final FamilyDefaults DEFAULTS = new FamilyDefaults(131072, 14336, 32, 0, 0, 65536, false);

  @Override
  public List<String> modelTypes() {
    return List.of("apertus");
  }

  @Override
  public void read(ConfigObject c, String modelType, ArchitectureBuilder arch) {
    DecoderShape s = DecoderShape.read(c, DEFAULTS);
    boolean bias = c.bool("attention_bias", false);
    String act = c.text("hidden_act");
    DenseMlp mlp = new DenseMlp(s.intermediateSize(), false, c.bool("mlp_bias", false),
        act == null || "xielu".equals(act) ? 2 : 0);
    arch.shape(s);
    for (int i = 0; i < s.numLayers(); i++) {
      arch.layers.add(new DecoderLayer(s.attention(bias, bias, s.perHeadRmsQkNorms(), false), mlp,
          List.of(s.norm("attention_layernorm", NormKind.RMS_NORM), s.norm("feedforward_layernorm", NormKind.RMS_NORM)),
          0));
    }
    arch.finalNorms = List.of(s.norm("norm", NormKind.RMS_NORM));
  }
}
