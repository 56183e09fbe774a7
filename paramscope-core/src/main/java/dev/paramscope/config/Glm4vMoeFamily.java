package dev.paramscope.config;

import java.util.List;

/**
 * GLM-4.5V ({@code Glm4vMoeConfig}, modeling_glm4v_moe.py): a GLM-4.5-Air-shaped
 * {@code glm4v_moe_text} language model in {@code text_config}, read by {@link Glm4MoeFamily}
 * (same layers; only the defaults differ), beside the vision encoder and projector in
 * {@code vision_config} (counted by {@link Glm4vVision}). The text model's multimodal RoPE
 * ({@code mrope_section}) has no parameters. The text_config is read as {@link VisionLanguage}
 * reads one.
 */
final class Glm4vMoeFamily implements Family {
  @Override
  public List<String> modelTypes() {
    return List.of("glm4v_moe");
  }

  @Override
  public void read(ConfigObject outer, String modelType, ArchitectureBuilder arch) {
    VisionLanguage.readText(outer, modelType, new Glm4MoeFamily(), Glm4MoeFamily.VISION_TEXT_MODEL_TYPE, arch);
    ConfigObject vision = outer.child("vision_config");
    if (vision != null) {
      arch.visionTower = Glm4vVision.read(vision);
    }
  }
}
