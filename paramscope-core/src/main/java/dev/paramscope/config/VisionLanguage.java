package dev.paramscope.config;

/**
 * What the vision-language wrappers that nest one text family ({@code gemma3}, {@code mistral3},
 * {@code kimi_vl}, {@code glm4v_moe}'s text side) share around their towers: the language model read from {@code text_config},
 * and the {@code vision_config} beside it.
 */
final class VisionLanguage {
  private VisionLanguage() {}

  /**
   * Reads {@code text_config} with {@code family} as {@code textType}. The nested config may leave
   * its model_type out (the published Gemma 3 and Kimi-VL configs do); another type is refused.
   * {@code tie_word_embeddings} may sit on the outer config; the text config's own value wins, and
   * where neither states it the text family's default stands.
   */
  static void readText(ConfigObject outer, String modelType, Family family, String textType,
      ArchitectureBuilder arch) {
    ConfigObject text = outer.child("text_config");
    if (text == null) {
      throw outer.problem("model_type " + modelType + " needs a text_config object");
    }
    String named = text.text("model_type");
    if (named != null && !named.equals(textType)) {
      throw outer.problem("model_type " + modelType + " with a '" + named + "' text_config is not read yet"
          + " (only '" + textType + "')");
    }
    family.read(text, textType, arch);
    if (!text.has("tie_word_embeddings") && outer.has("tie_word_embeddings")) {
      arch.tieWordEmbeddings = outer.bool("tie_word_embeddings", false);
    }
  }

  /** The {@code vision_config}, or null after a warning that only the language model is counted. */
  static ConfigObject visionConfig(ConfigObject outer, String modelType, ArchitectureBuilder arch) {
    ConfigObject vision = outer.child("vision_config");
    if (vision == null) {
      arch.warnings.add("model_type '" + modelType + "' without a vision_config: counted its language model only");
    }
    return vision;
  }
}
