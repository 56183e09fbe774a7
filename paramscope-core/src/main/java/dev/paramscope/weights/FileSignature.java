package dev.paramscope.weights;

import java.nio.charset.StandardCharsets;

/**
 * Names what a file looks like from its first bytes, so that a reader rejecting a magic
 * can say what the file is instead.
 */
public final class FileSignature {
  private FileSignature() {}

  /**
   * A short description of the file's apparent format, e.g. "legacy GGML format (magic ggjt):
   * convert it with llama.cpp", or "unknown format (first bytes 00 01 02 03)".
   *
   * @param head the file's first bytes (up to 16 are examined)
   */
  public static String describe(byte[] head) {
    if (head.length < 4) {
      return "file too short to identify (" + head.length + " bytes)";
    }
    String magic = new String(head, 0, 4, StandardCharsets.ISO_8859_1);
    switch (magic) {
      case "GGUF":
        return "GGUF file";
      case "FUGG":
        return "byte-swapped GGUF magic FUGG (a big-endian or pre-release GGUF): not supported";
      // ggml's legacy magics are u32 constants; files store them little-endian ("lmgg").
      case "lmgg": case "fmgg": case "tjgg": case "algg": case "nsgg":
      case "ggml": case "ggmf": case "ggjt": case "ggla": case "ggsn":
        return "legacy GGML format (magic " + magic + "): convert it with llama.cpp";
      default:
        break;
    }
    if (head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
      return "zip archive (a PyTorch .bin/.pt checkpoint?): not a header-only format";
    }
    if ((head[0] & 0xff) == 0x80 && head[1] >= 2 && head[1] <= 5) {
      return "Python pickle (a legacy PyTorch checkpoint?)";
    }
    if (head[0] == (byte) 0x89 && magic.startsWith("\u0089HDF")) {
      return "HDF5 file (a Keras .h5 checkpoint?)";
    }
    if (head.length >= 9 && head[8] == '{' && head[6] == 0 && head[7] == 0) {
      return "safetensors file";
    }
    if (head[0] == '{' || head[0] == '[') {
      return "JSON text";
    }
    StringBuilder hex = new StringBuilder();
    for (int i = 0; i < 4; i++) {
      hex.append(i == 0 ? "" : " ").append(String.format(java.util.Locale.ROOT, "%02x", head[i]));
    }
    return "unknown format (first bytes " + hex + ")";
  }
}
