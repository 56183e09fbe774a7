package dev.paramscope.report;

/**
 * Makes text from files safe to print on a terminal: control characters (C0, DEL, C1 — the
 * escape sequences that clear a screen, retitle a window or write the clipboard) and the Unicode
 * bidirectional controls (which reorder what a reader sees, CVE-2021-42574 "Trojan Source") are
 * written as {@code \}{@code uXXXX}. Everything else, any script included, passes unchanged.
 */
public final class ControlCharacters {
  private ControlCharacters() {}

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  /** {@code text} with every control character escaped; the same instance when there is none. */
  public static String escape(String text) {
    int first = firstControl(text);
    if (first < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
    for (int i = first; i < text.length(); i++) {
      char c = text.charAt(i);
      if (isControl(c)) {
        out.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF]).append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static int firstControl(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (isControl(text.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  /** Cc (U+0000–U+001F, U+007F–U+009F), the bidi embeddings, overrides, isolates and marks, and the line/paragraph separators. */
  static boolean isControl(char c) {
    return c < 0x20 || (c >= 0x7F && c <= 0x9F)
        || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)
        || c == 0x200E || c == 0x200F || c == 0x061C || c == 0x2028 || c == 0x2029;
  }
}
