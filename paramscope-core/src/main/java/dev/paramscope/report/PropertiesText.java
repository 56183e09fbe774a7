package dev.paramscope.report;

import java.util.Map;

/**
 * Parses the text of a {@code .properties} file as {@link java.util.Properties#load(java.io.Reader)}
 * does (its javadoc is the format: comment lines, {@code key=value}, {@code key:value} or
 * {@code key value}, backslash continuations and escapes, {@code \}{@code uXXXX}), into a plain map.
 * It exists for start-up: {@code Properties.load} through its line reader took ~7% of a cold
 * {@code inspect} run; {@code PropertiesTextTest} holds the two to the same result.
 */
final class PropertiesText {
  private PropertiesText() {}

  static void parse(String text, Map<String, String> into) {
    int length = text.length();
    int i = 0;
    StringBuilder logical = new StringBuilder();
    while (i < length) {
      // One natural line, without its terminator.
      int end = i;
      while (end < length && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
        end++;
      }
      int start = skipBlanks(text, i, end);
      i = next(text, end);
      if (start == end || text.charAt(start) == '#' || text.charAt(start) == '!') {
        continue; // blank or comment: never continued
      }
      logical.setLength(0);
      while (true) {
        int slashes = 0;
        for (int k = end - 1; k >= start && text.charAt(k) == '\\'; k--) {
          slashes++;
        }
        if (slashes % 2 == 0 || i >= length) {
          logical.append(text, start, slashes % 2 == 0 ? end : end - 1);
          break;
        }
        logical.append(text, start, end - 1);
        end = i;
        while (end < length && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
          end++;
        }
        start = skipBlanks(text, i, end);
        i = next(text, end);
      }
      entry(logical, into);
    }
  }

  private static void entry(CharSequence line, Map<String, String> into) {
    int n = line.length();
    int keyEnd = 0;
    boolean escaped = false;
    while (keyEnd < n) {
      char c = line.charAt(keyEnd);
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '=' || c == ':' || c == ' ' || c == '\t' || c == '\f') {
        break;
      }
      keyEnd++;
    }
    int valueStart = skipBlanks(line, keyEnd, n);
    if (valueStart < n && (line.charAt(valueStart) == '=' || line.charAt(valueStart) == ':')) {
      valueStart = skipBlanks(line, valueStart + 1, n);
    }
    into.put(unescape(line, 0, keyEnd), unescape(line, valueStart, n));
  }

  private static String unescape(CharSequence s, int from, int to) {
    StringBuilder out = new StringBuilder(to - from);
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 >= to) {
        out.append(c);
        continue;
      }
      c = s.charAt(++i);
      switch (c) {
        case 't': out.append('\t'); break;
        case 'n': out.append('\n'); break;
        case 'r': out.append('\r'); break;
        case 'f': out.append('\f'); break;
        case 'u':
          if (i + 4 >= to) {
            throw new IllegalArgumentException("Malformed \\uxxxx encoding.");
          }
          out.append((char) Integer.parseInt(s.subSequence(i + 1, i + 5).toString(), 16));
          i += 4;
          break;
        default: out.append(c);
      }
    }
    return out.toString();
  }

  private static int skipBlanks(CharSequence s, int from, int to) {
    while (from < to && (s.charAt(from) == ' ' || s.charAt(from) == '\t' || s.charAt(from) == '\f')) {
      from++;
    }
    return from;
  }

  /** The start of the line after the terminator at {@code end} ({@code \n}, {@code \r} or {@code \r\n}). */
  private static int next(String text, int end) {
    if (end < text.length() && text.charAt(end) == '\r' && end + 1 < text.length() && text.charAt(end + 1) == '\n') {
      return end + 2;
    }
    return end + 1;
  }
}
