package dev.paramscope.plan;

import java.util.Locale;

/** The inference engines {@code paramscope plan} mirrors, each by one policy class. */
public enum Engine {
  VLLM("vllm"),
  SGLANG("sglang"),
  LLAMA_CPP("llama.cpp"),
  TRANSFORMERS("transformers");

  private final String label;

  Engine(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** Parses {@code vllm}, {@code sglang}, {@code llama.cpp} (or {@code llamacpp}), {@code transformers}. */
  public static Engine parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT).replace('_', '.');
    for (Engine e : values()) {
      if (e.label.equals(t)) {
        return e;
      }
    }
    if (t.equals("llamacpp") || t.equals("llama-cpp")) {
      return LLAMA_CPP;
    }
    throw new IllegalArgumentException("unknown engine '" + text + "' (expected vllm, sglang, llama.cpp or transformers)");
  }
}
