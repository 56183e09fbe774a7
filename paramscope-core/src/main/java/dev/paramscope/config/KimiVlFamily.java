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
    ConfigObject text = outer.child("text_config");
    if (text == null) {
      throw outer.problem("model_type " + modelType + " needs a text_config object");
    }
    String textType = text.text("model_type");
    if (textType != null && !"deepseek_v3".equals(textType)) {
      throw outer.problem("model_type kimi_vl expects a deepseek_v3 text_config, not '" + textType + "'");
    }
    new DeepseekFamily().read(text, "deepseek_v3", arch);
    if (!text.has("tie_word_embeddings")) {
      arch.tieWordEmbeddings = outer.bool("tie_word_embeddings", false);
    }
    ConfigObject vision = outer.child("vision_config");
    if (vision == null) {
      arch.warnings.add("model_type 'kimi_vl' without a vision_config: counted its language model only");
      return;
    }
    arch.visionTower = new VisionTower(MoonVitVision.encoderParams(vision),
        MoonVitVision.projectorParams(vision, arch.hiddenSize), MoonVitVision.describe(vision));
  }
}
