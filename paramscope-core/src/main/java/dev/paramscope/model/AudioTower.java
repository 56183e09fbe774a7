package dev.paramscope.model;

import java.util.Objects;

/**
 * The audio encoder and its projector into the language model that a multimodal checkpoint
 * stores beside its text layers (Gemma 3n's USM conformer and {@code embed_audio}), counted
 * exactly by the family that reads its {@code audio_config}.
 *
 * @param encoderParams learned parameters of the audio encoder
 * @param projectorParams learned parameters of the projector into the text hidden size
 * @param description what the tower is, e.g. "Gemma 3n USM audio encoder, 12 conformer blocks"
 */
public record AudioTower(long encoderParams, long projectorParams, String description) {
  public AudioTower {
    Objects.requireNonNull(description, "description");
    if (encoderParams < 0 || projectorParams < 0) {
      throw new IllegalArgumentException("audio parameter counts must not be negative");
    }
  }

  /** Encoder and projector together. */
  public long params() {
    return Math.addExact(encoderParams, projectorParams);
  }
}
