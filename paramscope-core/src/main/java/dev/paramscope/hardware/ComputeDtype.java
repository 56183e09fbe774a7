package dev.paramscope.hardware;

import java.util.Locale;
import java.util.Optional;

/** The number formats a datasheet quotes peak throughput for; JSON keys are lowercase names. */
public enum ComputeDtype {
  FP64("fp64"),
  FP32("fp32"),
  /** NVIDIA TensorFloat-32 (and AMD's TF32 matrix rate). */
  TF32("tf32"),
  BF16("bf16"),
  FP16("fp16"),
  FP8("fp8"),
  /** Integer operations per second, quoted as TOPS. */
  INT8("int8"),
  FP4("fp4");

  private final String jsonKey;

  ComputeDtype(String jsonKey) {
    this.jsonKey = jsonKey;
  }

  /** The key used in {@code gpus.json}, e.g. {@code "bf16"}. */
  public String jsonKey() {
    return jsonKey;
  }

  /** The dtype with this key (case-insensitive), if any. */
  public static Optional<ComputeDtype> fromJsonKey(String key) {
    String wanted = key == null ? "" : key.toLowerCase(Locale.ROOT);
    for (ComputeDtype dtype : values()) {
      if (dtype.jsonKey.equals(wanted)) {
        return Optional.of(dtype);
      }
    }
    return Optional.empty();
  }
}
