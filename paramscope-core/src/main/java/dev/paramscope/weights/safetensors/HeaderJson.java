package dev.paramscope.weights.safetensors;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.paramscope.weights.ByteSource;
import dev.paramscope.weights.CutText;
import dev.paramscope.weights.WeightFormatException;
import java.io.IOException;

/**
 * Jackson set up for untrusted safetensors headers and index files: strict JSON (Jackson's
 * defaults), duplicate names rejected, nesting, name and string lengths bounded. Lone escaped
 * surrogates, which Jackson decodes but serde_json (the crate's parser) rejects, are checked
 * on every string kept.
 */
final class HeaderJson {
  /** Headers are flat: object, tensor object, shape array; a little slack for unknown fields. */
  static final int MAX_DEPTH = 8;
  /** The longest name or string Jackson buffers: tensor names, dtypes, shard names. */
  static final int MAX_BUFFERED_CHARS = 1 << 16;

  private static final JsonFactory FACTORY = JsonFactory.builder()
      .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(MAX_DEPTH)
          .maxNameLength(MAX_BUFFERED_CHARS)
          .maxStringLength(MAX_BUFFERED_CHARS)
          .build())
      .build();

  /** For a kept metadata value, already read whole from the file and so bounded by its length. */
  private static final JsonFactory VALUE_FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
      .build();

  private HeaderJson() {}

  /**
   * A parser for one header or index, from its own copy of {@link #FACTORY}. Jackson merges the
   * field names each parser saw into its factory's name table and starts every later parser
   * from a copy of it; tensor names never repeat across shards, so with one shared factory each
   * shard copied the names of the shards before it (272 of the 819 MB allocated by a 163-shard
   * remote inspect, JFR). Names are not interned, for the same reason. (Turning canonicalization
   * off instead would make Jackson read through a char Reader, which has no byte offsets.)
   */
  static JsonParser parser(java.io.InputStream in) throws IOException {
    return FACTORY.copy().createParser(in);
  }

  /** A parser for an index read whole, without a name table ({@link dev.paramscope.json.JsonTrees#withoutNameTable}). */
  static JsonParser parser(byte[] json) throws IOException {
    return dev.paramscope.json.JsonTrees.withoutNameTable(FACTORY, json);
  }

  /** A Jackson error as "invalid JSON", at its byte offset plus {@code base} (the JSON's first byte in the file). */
  static WeightFormatException invalid(String file, String field, long base, JsonProcessingException e) {
    JsonLocation where = e.getLocation();
    long offset = where == null || where.getByteOffset() < 0 ? -1 : base + where.getByteOffset();
    // Jackson names where an unclosed object started as a source location: one line is enough.
    String problem = e.getOriginalMessage().replaceAll(" \\(start marker at \\[Source: [^\\]]*\\]\\)", "");
    return new WeightFormatException(file, field, offset, "invalid JSON: " + problem, e);
  }

  /** The current token's text, which must be a string without lone surrogates. */
  static String text(JsonParser parser, String file, String field, long base) throws IOException {
    String text = parser.getText();
    if (!wellFormed(text)) {
      long at = base + parser.currentTokenLocation().getByteOffset();
      throw new WeightFormatException(file, field, at, "invalid JSON: lone surrogate in string");
    }
    return text;
  }

  /** False when {@code text} holds a surrogate that is not half of a pair. */
  static boolean wellFormed(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The JSON string that starts at file byte {@code start} and is followed by the next token at
   * {@code end}, read from the source: whole when its content is at most {@code room} bytes, else
   * as a {@link CutText} of its first {@code room} bytes or less (cut before an escape or a UTF-8
   * sequence that would not fit). The parser skipped the string unread, so a value of any length
   * costs only what is kept.
   */
  static Object keptString(ByteSource source, String field, long start, long end, int room)
      throws IOException {
    byte[] raw = new byte[(int) Math.min(end - start, room + 2L)];
    source.readFully(start, raw, 0, raw.length);
    int i = 1;
    while (i < raw.length - 1 && raw[i] != '"') {
      int step = raw[i] != '\\' ? 1 : raw[i + 1] == 'u' ? 6 : 2;
      if (i + step > raw.length - 1) {
        break;
      }
      i += step;
    }
    if (raw[i] == '"') {
      return decode(source.name(), field, start, raw, i + 1);
    }
    while (i > 1 && (raw[i] & 0xc0) == 0x80) { // a UTF-8 continuation byte: cut before its lead
      i--;
    }
    raw[i] = '"';
    String prefix = decode(source.name(), field, start, raw, i + 1);
    if (!prefix.isEmpty() && Character.isHighSurrogate(prefix.charAt(prefix.length() - 1))) {
      prefix = prefix.substring(0, prefix.length() - 1); // its pair was cut off
    }
    return new CutText(prefix, stringBytes(source, start, end));
  }

  /**
   * The content bytes of the string at {@code start}: up to its closing quote, looked for among the
   * few bytes (whitespace and a comma) before the next token; failing that, up to that token.
   */
  private static long stringBytes(ByteSource source, long start, long end) throws IOException {
    byte[] tail = new byte[(int) Math.min(64, end - start)];
    source.readFully(end - tail.length, tail, 0, tail.length);
    for (int i = tail.length - 1; i >= 0; i--) {
      if (tail[i] == '"') {
        return end - tail.length + i - start - 1;
      }
    }
    return end - start - 2;
  }

  private static String decode(String file, String field, long start, byte[] json, int length)
      throws IOException {
    try (JsonParser parser = VALUE_FACTORY.createParser(json, 0, length)) {
      if (parser.nextToken() != JsonToken.VALUE_STRING) {
        throw new IllegalStateException("not a string at byte " + start);
      }
      return text(parser, file, field, start);
    } catch (JsonProcessingException e) {
      throw invalid(file, field, start, e);
    }
  }
}
