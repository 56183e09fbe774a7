package dev.paramscope.model;

import java.util.Objects;

/**
 * The vision encoder and the projector into the language model that a multimodal checkpoint
 * stores beside its text layers, counted exactly by the family that reads its
 * {@code vision_config} (each family's reader names the modeling file it follows).
 *
 * @param encoderParams learned parameters of the vision encoder (patch embedding, position
 *     tables, encoder layers, its norms and any adapter inside the vision model)
 * @param projectorParams learned parameters of the projector into the text hidden size
 * @param description what the tower is, e.g. "Llama 4 vision encoder, 34 layers of 1408"
 */
public record VisionTower(long encoderParams, long projectorParams, String description) {
  public VisionTower {
    Objects.requireNonNull(description, "description");
    if (encoderParams < 0 || projectorParams < 0) {
      throw new IllegalArgumentException("vision parameter counts must not be negative");
    }
  }
}
