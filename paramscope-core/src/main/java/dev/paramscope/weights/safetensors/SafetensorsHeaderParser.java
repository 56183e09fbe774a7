package dev.paramscope.weights.safetensors;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.paramscope.weights.ByteSource;
import dev.paramscope.weights.CheckpointFile;
import dev.paramscope.weights.FileSignature;
import dev.paramscope.weights.TensorInfo;
import dev.paramscope.weights.WeightFormatException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses one safetensors file's header as the safetensors format defines it: an 8-byte
 * little-endian header length N (at most 100,000,000, the crate's MAX_HEADER_SIZE), N bytes
 * of UTF-8 JSON starting with '{' (trailing spaces allowed), then the data section.
 *
 * <p>The JSON object maps tensor names to {@code {"dtype", "shape", "data_offsets":
 * [begin, end]}} (offsets relative to the data section) and may hold {@code __metadata__},
 * a string-to-string map. Validation follows the crate's {@code Metadata::validate}: sorted
 * by offsets, tensors tile the data section exactly (no gap, no overlap, nothing left over),
 * and each byte range equals the shape product times the dtype size.
 *
 * <p>The header is streamed through Jackson, not read whole, and metadata values are kept up
 * to {@link #KEPT_VALUE_BYTES} each and {@link #KEPT_METADATA_BYTES} in all (a longer value
 * becomes a {@link dev.paramscope.weights.CutText}): memory follows what is kept, not the
 * header's length. Offsets in messages are byte offsets in the file.
 */
final class SafetensorsHeaderParser {
  static final long MAX_HEADER_BYTES = 100_000_000L;
  /** Far above any published file (a whole DeepSeek-V3 is ~91,000 tensors); bounds memory. */
  static final int MAX_TENSORS = 1 << 20;
  static final int MAX_METADATA_ENTRIES = 1 << 16;
  static final int KEPT_VALUE_BYTES = 1 << 20;
  static final long KEPT_METADATA_BYTES = 16L << 20;
  /**
   * Names in a tensor object, and inside one unknown field's value (the crate ignores unknown
   * fields): bounded, because Jackson holds an open object's names to find duplicates.
   */
  static final int MAX_NAMES = 1 << 12;
  /** The longest shape or offsets array accepted. */
  static final int MAX_DIMS = 64;
  static final String METADATA = "__metadata__";
  private static final long BASE = 8; // the JSON's first byte in the file

  private final ByteSource source;
  private final String file;
  private long keptBytes;

  private SafetensorsHeaderParser(ByteSource source) {
    this.source = source;
    this.file = source.name();
  }

  static SafetensorsFile parse(ByteSource source) throws IOException {
    return new SafetensorsHeaderParser(source).parse();
  }

  private WeightFormatException error(String field, long offset, String problem) {
    return new WeightFormatException(file, field, offset, problem);
  }

  private WeightFormatException tensorError(String tensor, String key, long offset, String problem) {
    return error("tensors[" + tensor + "]" + key, offset, problem);
  }

  private SafetensorsFile parse() throws IOException {
    long size = source.size();
    long headerBytes = headerLength(size);
    Map<String, Object> metadata = new LinkedHashMap<>();
    List<TensorEntry> entries = new ArrayList<>();
    try (JsonParser json = HeaderJson.parser(source.stream(BASE, headerBytes))) {
      readHeaderObject(json, metadata, entries);
    } catch (JsonProcessingException e) {
      throw HeaderJson.invalid(file, "header", BASE, e);
    }
    long dataStart = BASE + headerBytes;
    List<TensorInfo> tensors = SafetensorsLayout.validate(file, entries, dataStart, size - dataStart);
    return new SafetensorsFile(metadata, tensors, new CheckpointFile(file, size, dataStart, tensors.size()));
  }

  /** Checks the 8-byte length and the header's first bytes; returns the length. */
  private long headerLength(long size) throws IOException {
    byte[] head = new byte[(int) Math.min(16, size)];
    source.readFully(0, head, 0, head.length);
    if (size < 8) {
      throw error("header_length", 0, "file is " + size + " bytes, shorter than the 8-byte"
          + " header length (" + FileSignature.describe(head) + ")");
    }
    long headerBytes = 0; // little-endian u64
    for (int i = 7; i >= 0; i--) {
      headerBytes = headerBytes << 8 | (head[i] & 0xff);
    }
    if (headerBytes < 2 || headerBytes > MAX_HEADER_BYTES) {
      throw error("header_length", 0, "header length " + Long.toUnsignedString(headerBytes)
          + " is outside 2.." + MAX_HEADER_BYTES + "; the file looks like: " + FileSignature.describe(head));
    }
    if (headerBytes > size - 8) {
      throw error("header_length", 0, "header length " + headerBytes + " runs past the end of"
          + " the " + size + "-byte file (truncated?)");
    }
    if (head[8] != '{') {
      throw error("header", 8, "header does not start with '{' (" + FileSignature.describe(head) + ")");
    }
    // Jackson would take a NUL among the first four bytes for UTF-16 or UTF-32; the format is UTF-8.
    for (int i = 9; i < Math.min(12, 8 + headerBytes); i++) {
      if (head[i] == 0) {
        throw error("header", i, "invalid JSON: NUL byte (the header must be UTF-8)");
      }
    }
    return headerBytes;
  }

  private void readHeaderObject(JsonParser json, Map<String, Object> metadata, List<TensorEntry> entries)
      throws IOException {
    json.nextToken(); // '{', checked above
    for (JsonToken token = json.nextToken(); token == JsonToken.FIELD_NAME; token = json.nextToken()) {
      long at = BASE + json.currentTokenLocation().getByteOffset();
      String name = HeaderJson.text(json, file, "header", BASE);
      if (METADATA.equals(name)) {
        readMetadata(json, metadata);
      } else {
        if (entries.size() >= MAX_TENSORS) {
          throw error("header", at, "more than " + MAX_TENSORS + " tensors");
        }
        entries.add(readTensor(json, name));
      }
    }
    if (json.nextToken() != null) {
      throw error("header", BASE + json.currentTokenLocation().getByteOffset(),
          "content after the header's JSON object");
    }
  }

  private void readMetadata(JsonParser json, Map<String, Object> metadata) throws IOException {
    JsonToken token = json.nextToken();
    if (token == JsonToken.VALUE_NULL) {
      return;
    }
    if (token != JsonToken.START_OBJECT) {
      throw error(METADATA, BASE + json.currentTokenLocation().getByteOffset(), "must be an object of strings");
    }
    token = json.nextToken();
    while (token == JsonToken.FIELD_NAME) {
      String key = HeaderJson.text(json, file, METADATA, BASE);
      if (metadata.size() >= MAX_METADATA_ENTRIES) {
        throw error(METADATA, BASE + json.currentTokenLocation().getByteOffset(),
            "more than " + MAX_METADATA_ENTRIES + " entries");
      }
      JsonToken value = json.nextToken();
      long start = BASE + json.currentTokenLocation().getByteOffset();
      if (value != JsonToken.VALUE_STRING) {
        throw error(METADATA + "." + key, start, "value must be a string, found " + kind(value));
      }
      token = json.nextToken(); // past the string, unread: it is read from the file, bounded
      long end = BASE + json.currentTokenLocation().getByteOffset();
      int room = (int) Math.min(KEPT_VALUE_BYTES, KEPT_METADATA_BYTES - keptBytes);
      Object kept = HeaderJson.keptString(source, METADATA + "." + key, start, end, room);
      keptBytes += kept instanceof String text ? text.length() : room;
      metadata.put(key, kept);
    }
  }

  private static String kind(JsonToken token) {
    return token.isStructStart() ? (token == JsonToken.START_OBJECT ? "object" : "array")
        : token.isNumeric() ? "number" : token.isBoolean() ? "boolean" : token.name().toLowerCase(Locale.ROOT);
  }

  private TensorEntry readTensor(JsonParser json, String name) throws IOException {
    long at = BASE + json.currentTokenLocation().getByteOffset();
    if (json.nextToken() != JsonToken.START_OBJECT) {
      throw tensorError(name, "", BASE + json.currentTokenLocation().getByteOffset(),
          "must be an object with dtype, shape and data_offsets");
    }
    String dtype = null;
    long[] shape = null;
    long[] offsets = null;
    for (int names = 1; json.nextToken() == JsonToken.FIELD_NAME; names++) {
      if (names > MAX_NAMES) {
        throw tensorError(name, "", at, "more than " + MAX_NAMES + " fields");
      }
      switch (json.currentName()) {
        case "dtype" -> dtype = readDtype(json, name);
        case "shape" -> shape = readLongs(json, name, ".shape", -1);
        case "data_offsets" -> offsets = readLongs(json, name, ".data_offsets", 2);
        default -> skipUnknown(json); // the crate ignores unknown fields
      }
    }
    if (dtype == null || shape == null || offsets == null) {
      String missing = dtype == null ? "dtype" : shape == null ? "shape" : "data_offsets";
      throw tensorError(name, "", at, "missing " + missing);
    }
    return new TensorEntry(name, dtype, SafetensorsDtype.byHeaderName(dtype), shape, offsets[0], offsets[1], at);
  }

  private String readDtype(JsonParser json, String name) throws IOException {
    if (json.nextToken() != JsonToken.VALUE_STRING) {
      throw tensorError(name, ".dtype", BASE + json.currentTokenLocation().getByteOffset(), "must be a string");
    }
    String dtype = json.getText();
    if (!HeaderJson.wellFormed(dtype)) { // the field's name is built only for the message
      throw tensorError(name, ".dtype", BASE + json.currentTokenLocation().getByteOffset(),
          "invalid JSON: lone surrogate in string");
    }
    return dtype;
  }

  /** An array of non-negative 64-bit integers, of exactly {@code count} elements unless count < 0. */
  private long[] readLongs(JsonParser json, String tensor, String key, int count) throws IOException {
    if (json.nextToken() != JsonToken.START_ARRAY) {
      throw tensorError(tensor, key, BASE + json.currentTokenLocation().getByteOffset(),
          "must be an array of non-negative integers");
    }
    long[] values = new long[4];
    int size = 0;
    for (JsonToken token = json.nextToken(); token != JsonToken.END_ARRAY; token = json.nextToken()) {
      boolean integer = token == JsonToken.VALUE_NUMBER_INT && json.getNumberType() != JsonParser.NumberType.BIG_INTEGER;
      if (!integer || json.getLongValue() < 0) {
        String shown = token.isScalarValue() ? json.getText() : kind(token);
        throw tensorError(tensor, key, BASE + json.currentTokenLocation().getByteOffset(),
            "'" + shown + "' is not a non-negative 64-bit integer");
      }
      if (size == MAX_DIMS) {
        throw tensorError(tensor, key, BASE + json.currentTokenLocation().getByteOffset(),
            "more than " + MAX_DIMS + " entries");
      }
      if (size == values.length) {
        values = java.util.Arrays.copyOf(values, 2 * size);
      }
      values[size++] = json.getLongValue();
    }
    if (count >= 0 && size != count) {
      throw tensorError(tensor, key, BASE + json.currentTokenLocation().getByteOffset(),
          "has " + size + " entries, expected " + count);
    }
    return java.util.Arrays.copyOf(values, size);
  }

  /** Skips an unknown field's value, its strings unread, with at most {@link #MAX_NAMES} names inside. */
  private void skipUnknown(JsonParser json) throws IOException {
    int depth = 0;
    int names = 0;
    do {
      JsonToken token = json.nextToken();
      if (token.isStructStart()) {
        depth++;
      } else if (token.isStructEnd()) {
        depth--;
      } else if (token == JsonToken.FIELD_NAME && ++names > MAX_NAMES) {
        throw error("header", BASE + json.currentTokenLocation().getByteOffset(),
            "an unknown field holds more than " + MAX_NAMES + " names");
      }
    } while (depth > 0);
  }

  /**
   * One tensor entry as the header states it, before validation.
   *
   * @param dtype the dtype as written
   * @param type the dtype it names, or null when it names none
   */
  record TensorEntry(String name, String dtype, SafetensorsDtype type, long[] shape, long begin, long end,
      long headerOffset) {}
}
