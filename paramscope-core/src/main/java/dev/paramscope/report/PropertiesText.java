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
    // On a char array: a cold JVM interprets this once per command, and String.charAt is a call
    // chain per character where an array element is one bytecode.
    char[] chars = text.toCharArray();
    int length = chars.length;
    int i = 0;
    while (i < length) {
      // One natural line, without its terminator.
      int end = lineEnd(chars, i);
      int start = skipBlanks(chars, i, end);
      i = next(chars, end);
      if (start == end || chars[start] == '#' || chars[start] == '!') {
        continue; // blank or comment: never continued
      }
      if (trailingSlashes(chars, start, end) % 2 == 0) {
        entry(chars, start, end, into); // the usual line: no continuation
        continue;
      }
      if (i >= length) {
        entry(chars, start, end - 1, into); // a continuation with nothing after it
        continue;
      }
      StringBuilder logical = new StringBuilder();
      while (true) {
        int slashes = trailingSlashes(chars, start, end);
        if (slashes % 2 == 0 || i >= length) {
          logical.append(chars, start, (slashes % 2 == 0 ? end : end - 1) - start);
          break;
        }
        logical.append(chars, start, end - 1 - start);
        end = lineEnd(chars, i);
        start = skipBlanks(chars, i, end);
        i = next(chars, end);
      }
      char[] line = new char[logical.length()];
      logical.getChars(0, line.length, line, 0);
      entry(line, 0, line.length, into);
    }
  }

  private static int lineEnd(char[] chars, int from) {
    int end = from;
    while (end < chars.length && chars[end] != '\n' && chars[end] != '\r') {
      end++;
    }
    return end;
  }

  private static int trailingSlashes(char[] chars, int start, int end) {
    int slashes = 0;
    for (int k = end - 1; k >= start && chars[k] == '\\'; k--) {
      slashes++;
    }
    return slashes;
  }

  /** One logical line {@code chars[from, to)}: a key, its separator, a value. */
  private static void entry(char[] chars, int from, int to, Map<String, String> into) {
    int keyEnd = from;
    boolean escaped = false;
    while (keyEnd < to) {
      char c = chars[keyEnd];
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '=' || c == ':' || c == ' ' || c == '\t' || c == '\f') {
        break;
      }
      keyEnd++;
    }
    int valueStart = skipBlanks(chars, keyEnd, to);
    if (valueStart < to && (chars[valueStart] == '=' || chars[valueStart] == ':')) {
      valueStart = skipBlanks(chars, valueStart + 1, to);
    }
    into.put(unescape(chars, from, keyEnd), unescape(chars, valueStart, to));
  }

  private static String unescape(char[] chars, int from, int to) {
    int firstSlash = from;
    while (firstSlash < to && chars[firstSlash] != '\\') {
      firstSlash++;
    }
    if (firstSlash == to) {
      return new String(chars, from, to - from); // nothing escaped: most keys and values
    }
    StringBuilder out = new StringBuilder(to - from);
    out.append(chars, from, firstSlash - from);
    for (int i = firstSlash; i < to; i++) {
      char c = chars[i];
      if (c != '\\' || i + 1 >= to) {
        out.append(c);
        continue;
      }
      c = chars[++i];
      switch (c) {
        case 't': out.append('\t'); break;
        case 'n': out.append('\n'); break;
        case 'r': out.append('\r'); break;
        case 'f': out.append('\f'); break;
        case 'u':
          if (i + 4 >= to) {
            throw new IllegalArgumentException("Malformed \\uxxxx encoding.");
          }
          out.append((char) Integer.parseInt(new String(chars, i + 1, 4), 16));
          i += 4;
          break;
        default: out.append(c);
      }
    }
    return out.toString();
  }

  private static int skipBlanks(char[] chars, int from, int to) {
    while (from < to && (chars[from] == ' ' || chars[from] == '\t' || chars[from] == '\f')) {
      from++;
    }
    return from;
  }

  /** The start of the line after the terminator at {@code end} ({@code \n}, {@code \r} or {@code \r\n}). */
  private static int next(char[] chars, int end) {
    if (end < chars.length && chars[end] == '\r' && end + 1 < chars.length && chars[end + 1] == '\n') {
      return end + 2;
    }
    return end + 1;
  }
}
