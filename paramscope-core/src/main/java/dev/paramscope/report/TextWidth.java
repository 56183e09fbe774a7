package dev.paramscope.report;

/**
 * Display width of text in a monospaced terminal: East Asian wide characters (CJK ideographs,
 * full-width forms) take two columns, so Chinese tables stay aligned.
 */
final class TextWidth {
  private TextWidth() {}

  static int of(String text) {
    int width = 0;
    for (int i = 0; i < text.length(); ) {
      if (text.charAt(i) < 0x1100) { // below every wide range: one column (most table cells)
        width++;
        i++;
        continue;
      }
      int cp = text.codePointAt(i);
      width += isWide(cp) ? 2 : 1;
      i += Character.charCount(cp);
    }
    return width;
  }

  // Ranges from Unicode UAX #11 (East Asian Width, W and F) that our text can contain.
  private static boolean isWide(int cp) {
    return (cp >= 0x1100 && cp <= 0x115F)
        || (cp >= 0x2E80 && cp <= 0x303E)
        || (cp >= 0x3041 && cp <= 0x33FF)
        || (cp >= 0x3400 && cp <= 0x4DBF)
        || (cp >= 0x4E00 && cp <= 0x9FFF)
        || (cp >= 0xA000 && cp <= 0xA4CF)
        || (cp >= 0xAC00 && cp <= 0xD7A3)
        || (cp >= 0xF900 && cp <= 0xFAFF)
        || (cp >= 0xFE30 && cp <= 0xFE4F)
        || (cp >= 0xFF00 && cp <= 0xFF60)
        || (cp >= 0xFFE0 && cp <= 0xFFE6);
  }

  static String padRight(String text, int width) {
    return text + " ".repeat(Math.max(0, width - of(text)));
  }

  static String padLeft(String text, int width) {
    return " ".repeat(Math.max(0, width - of(text))) + text;
  }

  /**
   * Wraps text to {@code width} display columns, breaking at spaces (or anywhere between wide
   * characters, as Chinese has no spaces); continuation lines start with {@code indent}. A word
   * longer than the width (a URL) stays whole on its own line.
   */
  static String wrap(String text, int width, String indent) {
    if (of(text) <= width) {
      return text;
    }
    StringBuilder out = new StringBuilder();
    StringBuilder line = new StringBuilder();
    int lineWidth = 0;
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      String token;
      if (isWide(cp)) {
        token = new String(Character.toChars(cp));
        i += Character.charCount(cp);
      } else {
        int end = i;
        while (end < text.length() && text.charAt(end) != ' ' && !isWide(text.codePointAt(end))) {
          end += Character.charCount(text.codePointAt(end));
        }
        while (end < text.length() && text.charAt(end) == ' ') {
          end++;
        }
        token = text.substring(i, Math.max(end, i + 1));
        i = Math.max(end, i + 1);
      }
      int tokenWidth = of(token.stripTrailing());
      if (lineWidth > 0 && lineWidth + tokenWidth > width && of(line.toString().strip()) > 0) {
        out.append(line.toString().stripTrailing()).append('\n');
        line.setLength(0);
        line.append(indent);
        lineWidth = of(indent);
        token = token.stripLeading();
      }
      line.append(token);
      lineWidth += of(token);
    }
    out.append(line.toString().stripTrailing());
    return out.toString();
  }
}
