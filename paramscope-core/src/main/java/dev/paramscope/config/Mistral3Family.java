package dev.paramscope.config;

import static java.lang.Math.addExact;
import static java.lang.Math.multiplyExact;

import dev.paramscope.model.VisionTower;
import java.util.List;
import java.util.Locale;

/**
 * Mistral Small 3.1/3.2 ({@code Mistral3Config}, modeling_mistral3.py,
 * {@code Mistral3ForConditionalGeneration}): a Mistral language model in {@code text_config}
 * ({@link MistralFamily}), a Pixtral encoder in {@code vision_config} ({@link PixtralVision}) and
 * {@code Mistral3MultiModalProjector}: an RMS norm over the vision width, the patch merger
 * (vision hidden · spatial_merge_size² → vision hidden, no bias) and two linears (vision hidden ·
 * the number of {@code vision_feature_layer}s → text hidden → text hidden), biased only when
 * {@code multimodal_projector_bias} is true.
 */
final class Mistral3Family implements Family {
  @Override
  public List<String> modelTypes() {
    return List.of("mistral3");
  }

  @Override
  public void read(ConfigObject outer, String modelType, ArchitectureBuilder arch) {
    VisionLanguage.readText(outer, modelType, new MistralFamily(), "mistral", arch);
    ConfigObject vision = VisionLanguage.visionConfig(outer, modelType, arch);
    if (vision == null) {
      return;
    }
    long encoder = PixtralVision.encoderParams(vision);
    long visionHidden = vision.positive(1024, "hidden_size");
    long textHidden = arch.hiddenSize;
    long merge = outer.positive(2, "spatial_merge_size");
    long featureLayers = outer.node().path("vision_feature_layer").isArray()
        ? Math.max(1, outer.node().path("vision_feature_layer").size()) : 1;
    boolean bias = outer.bool("multimodal_projector_bias", false);
    long merger = multiplyExact(multiplyExact(visionHidden, multiplyExact(merge, merge)), visionHidden);
    long linear1 = addExact(multiplyExact(multiplyExact(visionHidden, featureLayers), textHidden), bias ? textHidden : 0);
    long linear2 = addExact(multiplyExact(textHidden, textHidden), bias ? textHidden : 0);
    long projector = addExact(addExact(visionHidden, merger), addExact(linear1, linear2));
    arch.visionTower = new VisionTower(encoder, projector, String.format(Locale.ROOT,
        "Pixtral vision encoder, %d layers of width %d", vision.positive(24, "num_hidden_layers"), visionHidden));
  }
}
