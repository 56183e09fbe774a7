package dev.paramscope.weights;

import java.util.Objects;

/**
 * A header text value too long to keep whole: its first characters and its length in the file.
 * Readers keep a bounded prefix so that inspecting a header takes memory in proportion to what
 * is kept, not to what the file holds (a 100 MB metadata string, a hostile GGUF string).
 *
 * @param prefix the value's first characters (whole characters, never half a UTF-8 sequence)
 * @param fileBytes the value's length in the file, in bytes as stored (JSON escapes included)
 */
public record CutText(String prefix, long fileBytes) {
  public CutText {
    Objects.requireNonNull(prefix, "prefix");
    if (fileBytes < 0) {
      throw new IllegalArgumentException("negative length " + fileBytes);
    }
  }

  /** The prefix and a note that the rest was cut, as reports show it. */
  @Override
  public String toString() {
    return prefix + "… [cut: " + fileBytes + " bytes in the file]";
  }
}
