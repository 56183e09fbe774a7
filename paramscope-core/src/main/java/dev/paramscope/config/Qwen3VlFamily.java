package dev.paramscope.config;

import java.util.List;

/**
 * Qwen3-VL ({@code Qwen3VLConfig}/{@code Qwen3VLMoeConfig}, modeling_qwen3_vl.py and
 * modeling_qwen3_vl_moe.py): a Qwen 3 (dense) or Qwen3-MoE language model in {@code text_config}
 * beside a vision encoder in {@code vision_config} (counted by {@link Qwen3VlVision}).
 * {@code tie_word_embeddings} may sit on the outer config; the text config's own value wins.
 */
final class Qwen3VlFamily implements Family {
  @Override
  public List<String> modelTypes() {
    return List.of("qwen3_vl", "qwen3_vl_moe");
  }

  @Override
  public void read(ConfigObject outer, String modelType, ArchitectureBuilder arch) {
    ConfigObject text = outer.child("text_config");
    if (text == null) {
      throw outer.problem("model_type " + modelType + " needs a text_config object");
    }
    if ("qwen3_vl_moe".equals(modelType)) {
      new Qwen3MoeFamily().read(text, "qwen3_moe", arch);
    } else {
      new Qwen3Family().read(text, "qwen3", arch);
    }
    if (!text.has("tie_word_embeddings")) {
      arch.tieWordEmbeddings = outer.bool("tie_word_embeddings", false);
    }
    ConfigObject vision = outer.child("vision_config");
    if (vision != null) {
      arch.visionTower = Qwen3VlVision.read(vision);
    }
  }
}
