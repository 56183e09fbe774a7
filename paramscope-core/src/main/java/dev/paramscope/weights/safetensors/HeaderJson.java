package dev.paramscope.weights.safetensors;

/** The JSON limits for untrusted safetensors headers and index files. */
final class HeaderJson {
  /** Headers are flat: object, tensor object, shape array; a little slack for metadata. */
  static final int MAX_DEPTH = 8;

  private HeaderJson() {}
}
