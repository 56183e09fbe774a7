package dev.paramscope.config;

import java.util.List;

/**
 * GLM-4.5V ({@code Glm4vMoeConfig}, modeling_glm4v_moe.py): a GLM-4.5-Air-shaped
 * {@code glm4v_moe_text} language model in {@code text_config}, read by {@link Glm4MoeFamily}
 * (same layers; only the defaults differ), beside the vision encoder and projector in
 * {@code vision_config} (counted by {@link Glm4vVision}). The text model's multimodal RoPE
 * ({@code mrope_section}) has no parameters. {@code tie_word_embeddings} may sit on the outer
 * config; the text config's own value wins.
 */
final class Glm4vMoeFamily implements Family {
  @Override
  public List<String> modelTypes() {
    return List.of("glm4v_moe");
  }

  @Override
  public void read(ConfigObject outer, String modelType, ArchitectureBuilder arch) {
    ConfigObject text = outer.child("text_config");
    if (text == null) {
      throw outer.problem("model_type " + modelType + " needs a text_config object");
    }
    new Glm4MoeFamily().read(text, Glm4MoeFamily.VISION_TEXT_MODEL_TYPE, arch);
    if (!text.has("tie_word_embeddings")) {
      arch.tieWordEmbeddings = outer.bool("tie_word_embeddings", false);
    }
    ConfigObject vision = outer.child("vision_config");
    if (vision != null) {
      arch.visionTower = Glm4vVision.read(vision);
    }
  }
}
