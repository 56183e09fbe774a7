package dev.paramscope.config;

import dev.paramscope.model.DecoderLayer;
import dev.paramscope.model.FeedForward;
import dev.paramscope.model.MixtureOfExperts;
import dev.paramscope.model.MultiHeadAttention;
import dev.paramscope.model.NormKind;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Llama 4 ({@code Llama4TextConfig}/{@code Llama4Config}, modeling_llama4.py): {@code llama4}
 * nests the language model in {@code text_config} and the vision encoder in
 * {@code vision_config} (counted by {@link Llama4Vision}); {@code llama4_text} is the language
 * model alone.
 *
 * <p>Grouped-query attention without biases and with parameter-free L2 q/k norms. Layers listed
 * {@code chunked_attention} in {@code layer_types} (else those with RoPE per
 * {@code no_rope_layers}, else all but every {@code no_rope_layer_interval}-th (4)) attend within
 * chunks of {@code attention_chunk_size} (8192) tokens; the others are global NoPE layers. MoE
 * layers ({@code moe_layers}, else every {@code interleave_moe_layer_step}-th) hold
 * {@code num_local_experts} experts of {@code intermediate_size}, top {@code num_experts_per_tok},
 * plus one ungated shared expert of the same width; dense layers use
 * {@code intermediate_size_mlp}.
 */
final class Llama4Family implements Family {
  /** Llama4TextConfig defaults. */
  static final FamilyDefaults DEFAULTS = new FamilyDefaults(202048, 8192, 40, 8, 128, 131072, false);

  @Override
  public List<String> modelTypes() {
    return List.of("llama4", "llama4_text");
  }

  @Override
  public void read(ConfigObject outer, String modelType, ArchitectureBuilder arch) {
    ConfigObject c = outer;
    if ("llama4".equals(modelType)) {
      c = outer.child("text_config");
      if (c == null) {
        throw outer.problem("model_type llama4 needs a text_config object");
      }
      ConfigObject vision = outer.child("vision_config");
      if (vision != null) {
        arch.visionTower = Llama4Vision.read(vision, c.required("hidden_size"));
      }
    }
    DecoderShape s = DecoderShape.read(c, DEFAULTS);
    int width = s.intermediateSize();
    MixtureOfExperts moe = new MixtureOfExperts(c.positive(16, "num_local_experts"),
        c.positive(1, "num_experts_per_tok"), width, false, 1, width, false, false, false);
    boolean[] sparse = moeLayers(c, s.numLayers());
    int chunk = c.nonNegative("attention_chunk_size", 8192);
    boolean[] chunked = chunkedLayers(c, s.numLayers());
    MultiHeadAttention attention = s.attention(c.bool("attention_bias", false), c.bool("attention_bias", false),
        List.of(), false);
    int denseWidth = c.positive(16384, "intermediate_size_mlp");
    arch.shape(s);
    for (int i = 0; i < s.numLayers(); i++) {
      FeedForward ff = sparse[i] ? moe : new dev.paramscope.model.DenseMlp(denseWidth, true, false);
      arch.layers.add(new DecoderLayer(attention, ff, s.preNorms(NormKind.RMS_NORM), 0, chunked[i] ? chunk : 0));
    }
    arch.finalNorms = List.of(s.norm("norm", NormKind.RMS_NORM));
  }

  /** {@code moe_layers} when listed, else layer i when {@code (i + 1) % interleave_moe_layer_step == 0}. */
  private static boolean[] moeLayers(ConfigObject c, int numLayers) {
    boolean[] sparse = new boolean[numLayers];
    if (c.has("moe_layers")) {
      for (int i : c.intList("moe_layers")) {
        if (i >= numLayers) {
          throw c.problem(String.format(Locale.ROOT, "moe_layers: layer %d is past num_hidden_layers %d", i, numLayers));
        }
        sparse[i] = true;
      }
      return sparse;
    }
    int step = c.positive(1, "interleave_moe_layer_step");
    for (int i = 0; i < numLayers; i++) {
      sparse[i] = (i + 1) % step == 0;
    }
    return sparse;
  }

  /** Chunked (RoPE) layers: {@code layer_types}, else {@code no_rope_layers} (1 = RoPE), else the interval. */
  private static boolean[] chunkedLayers(ConfigObject c, int numLayers) {
    boolean[] chunked = new boolean[numLayers];
    if (c.has("layer_types")) {
      String[] types = LayerTypes.read(c, numLayers, "no_rope_layer_interval", 4, "chunked_attention",
          Set.of("full_attention", "chunked_attention"));
      for (int i = 0; i < numLayers; i++) {
        chunked[i] = "chunked_attention".equals(types[i]);
      }
      return chunked;
    }
    List<Integer> noRope = c.intList("no_rope_layers");
    if (!noRope.isEmpty() && noRope.size() != numLayers) {
      throw c.problem(String.format(Locale.ROOT, "no_rope_layers has %d entries but num_hidden_layers is %d",
          noRope.size(), numLayers));
    }
    int interval = c.positive(4, "no_rope_layer_interval");
    for (int i = 0; i < numLayers; i++) {
      chunked[i] = noRope.isEmpty() ? (i + 1) % interval != 0 : noRope.get(i) != 0;
    }
    return chunked;
  }
}
