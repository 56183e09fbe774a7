package dev.paramscope.config;

import static java.lang.Math.addExact;
import static java.lang.Math.multiplyExact;

import dev.paramscope.model.VisionTower;
import java.util.List;
import java.util.Locale;

/**
 * Gemma 3 with vision ({@code Gemma3Config}, modeling_gemma3.py,
 * {@code Gemma3ForConditionalGeneration}): a Gemma 3 language model in {@code text_config} (read
 * by {@link Gemma3TextFamily}; its {@code model_type} may be left out), a SigLIP encoder in
 * {@code vision_config} ({@link SiglipVision}) and {@code Gemma3MultiModalProjector}: an RMS
 * {@code mm_soft_emb_norm} over the vision width and {@code mm_input_projection_weight}
 * (vision hidden × text hidden, no bias); its average pooling to {@code mm_tokens_per_image}
 * has no parameters.
 */
final class Gemma3Family implements Family {
  @Override
  public List<String> modelTypes() {
    return List.of("gemma3");
  }

  @Override
  public void read(ConfigObject outer, String modelType, ArchitectureBuilder arch) {
    VisionLanguage.readText(outer, modelType, new Gemma3TextFamily(), "gemma3_text", arch);
    ConfigObject vision = VisionLanguage.visionConfig(outer, modelType, arch);
    if (vision == null) {
      return;
    }
    long encoder = SiglipVision.encoderParams(vision);
    long visionHidden = vision.positive(768, "hidden_size");
    long projector = addExact(multiplyExact(visionHidden, arch.hiddenSize), visionHidden);
    arch.visionTower = new VisionTower(encoder, projector, String.format(Locale.ROOT,
        "SigLIP vision encoder, %d layers of width %d", vision.positive(12, "num_hidden_layers"), visionHidden));
  }
}
