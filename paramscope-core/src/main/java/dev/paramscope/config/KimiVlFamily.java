package dev.paramscope.config;

import dev.paramscope.model.VisionTower;
import java.util.List;

/**
 * Kimi-VL ({@code KimiVLConfig}, the remote code's configuration_kimi_vl.py and modeling_kimi_vl.py,
 * {@code KimiVLForConditionalGeneration}): a DeepSeek-V3-architecture language model (Moonlight) in
 * {@code text_config}, read by {@link DeepseekFamily} as {@code deepseek_v3} (the remote
 * {@code DeepseekV3Config}; the published text_config names no model_type), a MoonViT encoder in
 * {@code vision_config} and {@code KimiVLMultiModalProjector} (both counted by
 * {@link MoonVitVision}). {@code tie_word_embeddings} may sit on the outer config; the text
 * config's own value wins.
 */
final class KimiVlFamily implements Family {
  @Override
  public List<String> modelTypes() {
    return List.of("kimi_vl");
  }

  @Override
  public void read(ConfigObject outer, String modelType, ArchitectureBuilder arch) {
    VisionLanguage.readText(outer, modelType, new DeepseekFamily(), "deepseek_v3", arch);
    ConfigObject vision = VisionLanguage.visionConfig(outer, modelType, arch);
    if (vision == null) {
      return;
    }
    arch.visionTower = new VisionTower(MoonVitVision.encoderParams(vision),
        MoonVitVision.projectorParams(vision, arch.hiddenSize), MoonVitVision.describe(vision));
  }
}
