package dev.paramscope.json;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * A strict pull reader of JSON text (RFC 8259) held in UTF-8 bytes, for untrusted checkpoint
 * headers. It accepts exactly the JSON grammar — no comments, trailing commas, leading zeros,
 * NaN or unescaped control characters — and only well-formed UTF-8 (RFC 3629: no overlong forms,
 * no encoded surrogates), nests at most {@code maxDepth} containers, and reports every problem as
 * a {@link JsonSyntaxException} with the byte offset. An escaped surrogate must be half of a pair
 * ({@code \}{@code uD83D\}{@code uDE00}), as serde_json (the safetensors crate's parser) requires;
 * Jackson keeps lone ones in values. Duplicate names are the caller's to check.
 *
 * <p>Why not Jackson, which the project uses elsewhere: a 405B checkpoint is 128 shard headers
 * and an index read by a cold JVM, where Jackson's layered parser was interpreted for most of them;
 * this reader did the same work in a third of the time (issue 6). {@code JsonReaderTest} holds it
 * to Jackson on valid and invalid input alike.
 *
 * <p>Longer than the house's 400 lines because the grammar is one unit: split, its per-byte loops
 * would sit behind calls, which is what a cold JVM pays most for.
 *
 * <p>Usage mirrors the document: {@code beginObject(); while (hasNext()) { nextName(); ... }
 * endObject(); endDocument();}. Hot loops use the fused forms, which read the same grammar in fewer
 * calls (each call is dear while a cold JVM still interprets): {@code while ((name =
 * nextNameOrNull()) != null) { ... }} and {@link #nextStringOrNull}.
 */
public final class JsonReader {
  /** What the next value is. */
  public enum Kind { OBJECT, ARRAY, STRING, NUMBER, TRUE, FALSE, NULL }

  private final byte[] in;
  private final int end;
  private final int maxDepth;
  private int pos;
  private int depth;
  /** Per open container: whether an element has been read (so the next needs a comma). */
  private final boolean[] started;
  private int numberStart;
  private int numberEnd;
  private static final long MAX_TENTH = Long.MAX_VALUE / 10;
  /** The last number's value when it is an integer from 0 to Long.MAX_VALUE (-0 too), else -1. */
  private long numberValue;
  /** Where the last name read by {@link #nextNameOrNull} starts (its opening quote). */
  private int namePosition;

  /** Reads {@code in[from, to)}. */
  public JsonReader(byte[] in, int from, int to, int maxDepth) {
    if (from < 0 || to > in.length || from > to || maxDepth < 1) {
      throw new IllegalArgumentException("bad range or depth");
    }
    this.in = in;
    this.pos = from;
    this.end = to;
    this.maxDepth = maxDepth;
    this.started = new boolean[maxDepth + 1];
  }

  /** The index in the array of the next byte to read (after any whitespace already skipped). */
  public int position() {
    return pos;
  }

  private JsonSyntaxException error(String problem) {
    return new JsonSyntaxException(problem, pos);
  }

  /**
   * "unexpected NEXT" and {@code rest}. Out of line, as every message is: the hot methods stay
   * small for the compiler a cold command waits on.
   */
  private JsonSyntaxException unexpected(String rest) {
    return error("unexpected " + describeNext() + rest);
  }

  /**
   * Skips whitespace. Callers test the next byte first ({@code <= ' '}: whitespace, a control
   * byte or a non-ASCII one) and call only then: compact JSON has no whitespace, and a cold
   * command pays for each call while it still interprets.
   */
  private void skipWhitespace() {
    // Fields copied to locals in the byte loops: a cold command runs them interpreted, where
    // each field access is a bytecode of its own.
    byte[] in = this.in;
    int p = pos;
    while (p < end) {
      byte b = in[p];
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        break;
      }
      p++;
    }
    pos = p;
  }

  private String describeNext() {
    if (pos >= end) {
      return "end of input";
    }
    int b = in[pos] & 0xff;
    return b >= 0x20 && b < 0x7f ? "'" + (char) b + "'" : String.format(java.util.Locale.ROOT, "byte 0x%02x", b);
  }

  /** The kind of the next value; fails when no value starts here. */
  public Kind peek() throws JsonSyntaxException {
    if (pos < end && in[pos] <= ' ') {
      skipWhitespace();
    }
    if (pos >= end) {
      throw error("unexpected end of input, expected a value");
    }
    switch (in[pos]) {
      case '{': return Kind.OBJECT;
      case '[': return Kind.ARRAY;
      case '"': return Kind.STRING;
      case 't': return Kind.TRUE;
      case 'f': return Kind.FALSE;
      case 'n': return Kind.NULL;
      default:
        if (in[pos] == '-' || (in[pos] >= '0' && in[pos] <= '9')) {
          return Kind.NUMBER;
        }
        throw unexpected(", expected a value");
    }
  }

  private void expect(byte b, String what) throws JsonSyntaxException {
    if (pos < end && in[pos] <= ' ') {
      skipWhitespace();
    }
    if (pos >= end || in[pos] != b) {
      throw unexpected(", expected " + what);
    }
    pos++;
  }

  private void open(byte b, String what) throws JsonSyntaxException {
    expect(b, what);
    if (depth >= maxDepth) {
      pos--;
      throw error("nesting depth " + (depth + 1) + " exceeds the maximum of " + maxDepth);
    }
    depth++;
    started[depth] = false;
  }

  public void beginObject() throws JsonSyntaxException {
    open((byte) '{', "'{'");
  }

  public void beginArray() throws JsonSyntaxException {
    open((byte) '[', "'['");
  }

  public void endObject() throws JsonSyntaxException {
    expect((byte) '}', "',' or '}'");
    depth--;
  }

  public void endArray() throws JsonSyntaxException {
    expect((byte) ']', "',' or ']'");
    depth--;
  }

  /**
   * True when the open object or array has another element (consuming the comma before it),
   * false at its closing bracket (left for {@link #endObject} or {@link #endArray}).
   */
  public boolean hasNext() throws JsonSyntaxException {
    if (pos < end && in[pos] <= ' ') {
      skipWhitespace();
    }
    if (pos < end && (in[pos] == '}' || in[pos] == ']')) {
      return false;
    }
    if (started[depth]) {
      expect((byte) ',', "',' or a closing bracket");
    }
    started[depth] = true;
    return true;
  }

  /** The next member's name and its colon. */
  public String nextName() throws JsonSyntaxException {
    if (pos < end && in[pos] <= ' ') {
      skipWhitespace();
    }
    if (pos >= end || in[pos] != '"') {
      throw unexpected(", expected a name in double quotes");
    }
    String name = string();
    expect((byte) ':', "':'");
    return name;
  }

  /**
   * {@link #hasNext} then {@link #nextName} in one call: the next member's name (the comma before
   * it and the colon after it consumed), or null at a closing bracket, which is left for {@link
   * #endObject}. {@link #namePosition} tells where the name started.
   */
  public String nextNameOrNull() throws JsonSyntaxException {
    if (pos < end && in[pos] <= ' ') {
      skipWhitespace();
    }
    if (pos < end && (in[pos] == '}' || in[pos] == ']')) {
      return null;
    }
    if (started[depth]) {
      if (pos >= end || in[pos] != ',') {
        throw unexpected(", expected ',' or a closing bracket");
      }
      pos++;
      if (pos < end && in[pos] <= ' ') {
        skipWhitespace();
      }
    }
    started[depth] = true;
    if (pos >= end || in[pos] != '"') {
      throw unexpected(", expected a name in double quotes");
    }
    namePosition = pos;
    String name = string();
    if (pos < end && in[pos] <= ' ') {
      skipWhitespace();
    }
    if (pos >= end || in[pos] != ':') {
      throw unexpected(", expected ':'");
    }
    pos++;
    return name;
  }

  /**
   * Moves past the value that starts at {@link #position} and ends just before {@code end}, which
   * the caller has read from the same bytes itself (a format's common spelling, matched in one
   * pass). The caller vouches that those bytes are exactly one complete JSON value.
   */
  public void skipPastValue(int end) {
    if (end <= pos || end > this.end) {
      throw new IllegalArgumentException("value end " + end + " outside " + pos + ".." + this.end);
    }
    pos = end;
  }

  /** Where the name last returned by {@link #nextNameOrNull} starts: its opening quote. */
  public int namePosition() {
    return namePosition;
  }

  /** The next value when it is a string; null, with nothing consumed, when it is another value. */
  public String nextStringOrNull() throws JsonSyntaxException {
    if (pos < end && in[pos] <= ' ') {
      skipWhitespace();
    }
    if (pos < end && in[pos] == '"') {
      return string();
    }
    peek(); // fails as peek does where no value starts
    return null;
  }

  /** As {@link #nextName()}, failing on a name already in {@code seen}, to which it is added. */
  public String nextName(Set<String> seen) throws JsonSyntaxException {
    if (pos < end && in[pos] <= ' ') {
      skipWhitespace();
    }
    int at = pos;
    String name = nextName();
    if (!seen.add(name)) {
      throw JsonSyntaxException.duplicateName(name, at);
    }
    return name;
  }

  public String nextString() throws JsonSyntaxException {
    if (peek() != Kind.STRING) {
      throw unexpected(", expected a string");
    }
    return string();
  }

  /**
   * Reads a number and returns it when it is an integer from 0 to {@code Long.MAX_VALUE} ({@code
   * -0} reads as 0), else -1; {@link #numberText} gives its text either way.
   */
  public long nextNonNegativeLong() throws JsonSyntaxException {
    if (peek() != Kind.NUMBER) {
      throw unexpected(", expected a number");
    }
    number();
    return numberValue;
  }

  /**
   * In an array just begun: reads its leading elements while they are integers from 0 to {@code
   * Long.MAX_VALUE} into {@code into}, at most {@code into.length} of them, and returns how many.
   * It stops at the closing bracket (left for {@link #endArray}) or before the first element it
   * does not take, comma included, so that {@code hasNext()} and the single-value calls go on from
   * there exactly as if they had read the array from its start. A tensor's shape in one call.
   */
  public int nextNonNegativeLongs(long[] into) throws JsonSyntaxException {
    int count = 0;
    while (true) {
      int before = pos;
      boolean wasStarted = started[depth];
      if (!hasNext()) {
        return count;
      }
      if (pos < end && in[pos] <= ' ') {
        skipWhitespace();
      }
      if (count < into.length && pos < end && (in[pos] == '-' || (in[pos] >= '0' && in[pos] <= '9'))) {
        number();
        if (numberValue >= 0) {
          into[count++] = numberValue;
          continue;
        }
      }
      pos = before;
      started[depth] = wasStarted;
      return count;
    }
  }

  /** The text of the number last read. */
  public String numberText() {
    return new String(in, numberStart, numberEnd - numberStart, StandardCharsets.ISO_8859_1);
  }

  /** Skips the next value, containers whole (their nesting still limited). */
  public void skipValue() throws JsonSyntaxException {
    switch (peek()) {
      case OBJECT:
        beginObject();
        while (hasNext()) {
          nextName();
          skipValue();
        }
        endObject();
        return;
      case ARRAY:
        beginArray();
        while (hasNext()) {
          skipValue();
        }
        endArray();
        return;
      case STRING:
        string();
        return;
      case NUMBER:
        number();
        return;
      case TRUE:
        literal("true");
        return;
      case FALSE:
        literal("false");
        return;
      default:
        literal("null");
    }
  }

  /** Fails unless only whitespace follows. */
  public void endDocument() throws JsonSyntaxException {
    if (pos < end && in[pos] <= ' ') {
      skipWhitespace();
    }
    if (pos < end) {
      throw unexpected(" after the JSON value");
    }
  }

  private void literal(String word) throws JsonSyntaxException {
    for (int i = 0; i < word.length(); i++) {
      if (pos + i >= end || in[pos + i] != word.charAt(i)) {
        pos += i;
        throw unexpected(" in the literal '" + word + "'");
      }
    }
    pos += word.length();
    requireDelimiter();
  }

  /** After a number or literal: whitespace, a comma, a closing bracket or the end. */
  private void requireDelimiter() throws JsonSyntaxException {
    if (pos < end) {
      byte b = in[pos];
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t' && b != ',' && b != ']' && b != '}') {
        throw unexpected(" after a value");
      }
    }
  }

  /**
   * Reads a number token (RFC 8259 section 6), setting {@link #numberValue}: its value when it
   * is an integer from 0 to Long.MAX_VALUE ({@code -0} too), else -1.
   */
  private void number() throws JsonSyntaxException {
    numberStart = pos;
    boolean negative = in[pos] == '-';
    if (negative) {
      pos++;
    }
    if (pos >= end || in[pos] < '0' || in[pos] > '9') {
      throw unexpected(" in a number, expected a digit");
    }
    long value = 0;
    if (in[pos] == '0') {
      pos++;
      if (pos < end && in[pos] >= '0' && in[pos] <= '9') {
        throw error("leading zeros are not allowed in a number");
      }
    } else {
      // The integer part's digits, valued as they are read; -1 from the digit that would pass
      // Long.MAX_VALUE (9223372036854775807) on.
      byte[] in = this.in;
      int p = pos;
      while (p < end && in[p] >= '0' && in[p] <= '9') {
        int digit = in[p] - '0';
        if (value >= 0) {
          value = value < MAX_TENTH || (value == MAX_TENTH && digit <= 7) ? value * 10 + digit : -1;
        }
        p++;
      }
      pos = p;
    }
    boolean integer = true;
    if (pos < end && in[pos] == '.') {
      integer = false;
      pos++;
      requireDigit();
      digits();
    }
    if (pos < end && (in[pos] == 'e' || in[pos] == 'E')) {
      integer = false;
      pos++;
      if (pos < end && (in[pos] == '+' || in[pos] == '-')) {
        pos++;
      }
      requireDigit();
      digits();
    }
    numberEnd = pos;
    numberValue = !integer || (negative && value != 0) ? -1 : value;
    requireDelimiter();
  }

  private void requireDigit() throws JsonSyntaxException {
    if (pos >= end || in[pos] < '0' || in[pos] > '9') {
      throw unexpected(" in a number, expected a digit");
    }
  }

  private void digits() {
    byte[] in = this.in;
    int p = pos;
    while (p < end && in[p] >= '0' && in[p] <= '9') {
      p++;
    }
    pos = p;
  }

  /** Reads a string at the opening quote. */
  private String string() throws JsonSyntaxException {
    int start = ++pos;
    // Fast path: printable ASCII without escapes, which is every tensor name and dtype.
    byte[] in = this.in;
    int end = this.end;
    for (int p = start; p < end; p++) {
      byte b = in[p];
      if (b == '"') {
        pos = p + 1;
        return ascii(in, start, p - start);
      }
      if (b == '\\' || b < 0x20) { // b < 0 too: a UTF-8 lead or continuation byte
        break;
      }
    }
    StringBuilder out = new StringBuilder();
    while (true) {
      if (pos >= end) {
        throw error("unterminated string");
      }
      int b = in[pos] & 0xff;
      if (b == '"') {
        pos++;
        return out.toString();
      } else if (b == '\\') {
        escape(out);
      } else if (b < 0x20) {
        throw error("control character 0x" + Integer.toHexString(b) + " in a string must be escaped");
      } else if (b < 0x80) {
        out.append((char) b);
        pos++;
      } else {
        out.appendCodePoint(utf8(b));
      }
    }
  }

  /**
   * Bytes known to be printable ASCII as a String. The "hibyte" constructor is deprecated because
   * it does not decode, which ASCII does not need; the decoding constructor is 840 bytes of code
   * that a cold command would have compiled just for this (issue 6).
   */
  @SuppressWarnings("deprecation")
  private static String ascii(byte[] bytes, int from, int length) {
    return new String(bytes, 0, from, length);
  }

  private void escape(StringBuilder out) throws JsonSyntaxException {
    if (pos + 1 >= end) {
      throw error("unterminated string");
    }
    byte e = in[pos + 1];
    pos += 2;
    switch (e) {
      case '"': out.append('"'); return;
      case '\\': out.append('\\'); return;
      case '/': out.append('/'); return;
      case 'b': out.append('\b'); return;
      case 'f': out.append('\f'); return;
      case 'n': out.append('\n'); return;
      case 'r': out.append('\r'); return;
      case 't': out.append('\t'); return;
      case 'u': {
        int code = hex4();
        if (Character.isLowSurrogate((char) code)) {
          pos -= 6;
          throw error("lone surrogate \\u" + Integer.toHexString(code) + " in a string");
        }
        if (Character.isHighSurrogate((char) code)) {
          // Only as the first half of a pair, escaped as well (serde_json, which the safetensors
          // crate uses, rejects a lone one).
          if (pos + 1 >= end || in[pos] != '\\' || in[pos + 1] != 'u') {
            pos -= 6;
            throw error("lone surrogate \\u" + Integer.toHexString(code) + " in a string");
          }
          pos += 2;
          int low = hex4();
          if (!Character.isLowSurrogate((char) low)) {
            pos -= 12;
            throw error("lone surrogate \\u" + Integer.toHexString(code) + " in a string");
          }
          out.append((char) code).append((char) low);
          return;
        }
        out.append((char) code);
        return;
      }
      default:
        pos -= 1;
        throw error("unknown escape '\\" + (e >= 0x20 && e < 0x7f ? String.valueOf((char) e) : "?") + "'");
    }
  }

  /** Four hex digits after {@code \}{@code u}. */
  private int hex4() throws JsonSyntaxException {
    int code = 0;
    for (int i = 0; i < 4; i++) {
      int digit = pos < end && in[pos] >= 0 ? Character.digit(in[pos], 16) : -1;
      if (digit < 0) {
        throw error("\\u must be followed by four hex digits");
      }
      code = code * 16 + digit;
      pos++;
    }
    return code;
  }

  /** Decodes one multi-byte UTF-8 sequence whose lead byte is {@code lead} (RFC 3629 table 3-7). */
  private int utf8(int lead) throws JsonSyntaxException {
    int length;
    int min;
    int max;
    int code;
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
      code = lead & 0x1F;
      min = 0x80;
      max = 0xBF;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      code = lead & 0x0F;
      min = lead == 0xE0 ? 0xA0 : 0x80;
      max = lead == 0xED ? 0x9F : 0xBF; // no encoded surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      code = lead & 0x07;
      min = lead == 0xF0 ? 0x90 : 0x80;
      max = lead == 0xF4 ? 0x8F : 0xBF; // nothing above U+10FFFF
    } else {
      throw error("string is not valid UTF-8 (byte 0x" + Integer.toHexString(lead) + ")");
    }
    if (pos + length > end) {
      throw error("string is not valid UTF-8 (truncated sequence)");
    }
    for (int i = 1; i < length; i++) {
      int b = in[pos + i] & 0xff;
      int lo = i == 1 ? min : 0x80;
      int hi = i == 1 ? max : 0xBF;
      if (b < lo || b > hi) {
        pos += i;
        throw error("string is not valid UTF-8 (byte 0x" + Integer.toHexString(b) + ")");
      }
      code = (code << 6) | (b & 0x3F);
    }
    pos += length;
    return code;
  }
}
