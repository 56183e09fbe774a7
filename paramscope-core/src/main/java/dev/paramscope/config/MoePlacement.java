package dev.paramscope.config;

import java.util.List;

/** Which layers of a mixture-of-experts model are sparse, by the two schemes configs use. */
final class MoePlacement {
  private MoePlacement() {}

  /**
   * Qwen 2/3 MoE and OLMoE-style: layer i is sparse unless listed in {@code mlp_only_layers},
   * and when {@code (i + 1) % decoder_sparse_step == 0} (modeling_qwen2_moe.py).
   */
  static boolean[] bySparseStep(ConfigObject c, int numLayers) {
    int step = c.positive(1, "decoder_sparse_step");
    List<Integer> denseOnly = c.intList("mlp_only_layers");
    boolean[] sparse = new boolean[numLayers];
    for (int i = 0; i < numLayers; i++) {
      sparse[i] = !denseOnly.contains(i) && (i + 1) % step == 0;
    }
    return sparse;
  }

  /**
   * DeepSeek-style: layer i is sparse when {@code i >= first_k_dense_replace} and
   * {@code i % moe_layer_freq == 0} (modeling_deepseek_v3.py).
   */
  static boolean[] byFirstDense(ConfigObject c, int numLayers, int defaultFirstDense) {
    int firstDense = c.nonNegative("first_k_dense_replace", defaultFirstDense);
    int frequency = c.positive(1, "moe_layer_freq");
    boolean[] sparse = new boolean[numLayers];
    for (int i = 0; i < numLayers; i++) {
      sparse[i] = i >= firstDense && i % frequency == 0;
    }
    return sparse;
  }
}
