package dev.paramscope.weights;

/** The checkpoint formats paramscope reads header-only. */
public enum WeightFormat {
  /** llama.cpp's GGUF, versions 1-3. */
  GGUF("gguf"),
  /** Hugging Face safetensors: a file, a directory of shards or an index. */
  SAFETENSORS("safetensors");

  private final String label;

  WeightFormat(String label) {
    this.label = label;
  }

  /** Lower-case name as reports print it ("gguf"). */
  public String label() {
    return label;
  }
}
