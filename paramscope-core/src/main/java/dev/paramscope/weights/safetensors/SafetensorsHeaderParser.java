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
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
 */
final class SafetensorsHeaderParser {
  static final long MAX_HEADER_BYTES = 100_000_000L;
  static final int MAX_TENSORS = 1 << 20;
  static final String METADATA = "__metadata__";
  /** Headers up to this size are read whole; real shard headers are tens of kB. */
  static final int WHOLE_HEADER_BYTES = 4 << 20;

  private final ByteSource source;
  private final String file;

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

  private SafetensorsFile parse() throws IOException {
    long size = source.size();
    ByteBuffer head = ByteBuffer.allocate((int) Math.min(16, size)).order(ByteOrder.LITTLE_ENDIAN);
    source.readFully(0, head);
    if (size < 8) {
      throw error("header_length", 0, "file is " + size + " bytes, shorter than the 8-byte"
          + " header length (" + FileSignature.describe(head.array()) + ")");
    }
    long headerBytes = head.getLong(0);
    if (headerBytes < 2 || headerBytes > MAX_HEADER_BYTES) {
      throw error("header_length", 0, "header length " + Long.toUnsignedString(headerBytes)
          + " is outside 2.." + MAX_HEADER_BYTES + "; the file looks like: "
          + FileSignature.describe(head.array()));
    }
    if (headerBytes > size - 8) {
      throw error("header_length", 0, "header length " + headerBytes + " runs past the end of"
          + " the " + size + "-byte file (truncated?)");
    }
    if (head.get(8) != '{') {
      throw error("header", 8, "header does not start with '{' ("
          + FileSignature.describe(head.array()) + ")");
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    List<TensorEntry> entries = new ArrayList<>();
    // Decode strictly as UTF-8 ourselves: Jackson's own detection could take the bytes
    // for UTF-16/32. Offsets below count characters, equal to bytes for ASCII headers. A header
    // of up to WHOLE_HEADER_BYTES (every real one) is read and decoded in one go, larger ones
    // are streamed so a hostile length never sizes an allocation.
    CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    try (JsonParser json = headerBytes <= WHOLE_HEADER_BYTES
        ? HeaderJson.FACTORY.createParser(decodeWhole(headerBytes, utf8))
        : HeaderJson.FACTORY.createParser(new InputStreamReader(source.stream(8, headerBytes), utf8))) {
      readHeaderObject(json, metadata, entries);
    } catch (JsonProcessingException e) {
      long at = 8 + Math.max(0, e.getLocation() == null ? 0 : e.getLocation().getCharOffset());
      throw new WeightFormatException(file, "header", at, "invalid JSON: "
          + e.getOriginalMessage(), e);
    } catch (CharacterCodingException e) {
      throw new WeightFormatException(file, "header", 8, "invalid JSON: header is not valid"
          + " UTF-8", e);
    }
    long dataStart = 8 + headerBytes;
    List<TensorInfo> tensors = SafetensorsLayout.validate(file, entries, dataStart,
        size - dataStart);
    return new SafetensorsFile(metadata, tensors,
        new CheckpointFile(file, size, dataStart, tensors.size()));
  }

  /** The header's characters, read in one call and decoded strictly. */
  private char[] decodeWhole(long headerBytes, CharsetDecoder utf8) throws IOException {
    ByteBuffer bytes = ByteBuffer.allocate((int) headerBytes);
    source.readFully(8, bytes);
    bytes.flip();
    CharBuffer chars = utf8.decode(bytes);
    char[] text = new char[chars.remaining()];
    chars.get(text);
    return text;
  }

  private void readHeaderObject(JsonParser json, Map<String, String> metadata,
      List<TensorEntry> entries) throws IOException {
    if (json.nextToken() != JsonToken.START_OBJECT) {
      throw error("header", 8, "header is not a JSON object");
    }
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String name = json.currentName();
      json.nextToken();
      if (METADATA.equals(name)) {
        readMetadata(json, metadata);
      } else {
        if (entries.size() >= MAX_TENSORS) {
          throw error("header", offset(json), "more than " + MAX_TENSORS + " tensors");
        }
        entries.add(readTensor(json, name));
      }
    }
    if (json.nextToken() != null) {
      throw error("header", offset(json), "content after the header's JSON object");
    }
  }

  private long offset(JsonParser json) {
    return 8 + Math.max(0, json.currentLocation().getCharOffset());
  }

  private void readMetadata(JsonParser json, Map<String, String> metadata) throws IOException {
    if (json.currentToken() == JsonToken.VALUE_NULL) {
      return;
    }
    if (json.currentToken() != JsonToken.START_OBJECT) {
      throw error(METADATA, offset(json), "must be an object of strings");
    }
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String key = json.currentName();
      if (json.nextToken() != JsonToken.VALUE_STRING) {
        throw error(METADATA + "." + key, offset(json), "value must be a string, found "
            + json.currentToken());
      }
      metadata.put(key, json.getText());
    }
  }

  private TensorEntry readTensor(JsonParser json, String name) throws IOException {
    long at = offset(json);
    if (json.currentToken() != JsonToken.START_OBJECT) {
      throw error("tensors[" + name + "]", at, "must be an object with dtype, shape and data_offsets");
    }
    String dtype = null;
    long[] shape = null;
    long[] offsets = null;
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String key = json.currentName();
      json.nextToken();
      switch (key) {
        case "dtype":
          if (json.currentToken() != JsonToken.VALUE_STRING) {
            throw error("tensors[" + name + "].dtype", offset(json), "must be a string");
          }
          dtype = json.getText();
          break;
        case "shape":
          shape = readLongs(json, name, ".shape", -1);
          break;
        case "data_offsets":
          offsets = readLongs(json, name, ".data_offsets", 2);
          break;
        default:
          json.skipChildren(); // the crate ignores unknown fields
      }
    }
    if (dtype == null || shape == null || offsets == null) {
      throw error("tensors[" + name + "]", at, "missing " + (dtype == null ? "dtype" : shape == null ? "shape"
          : "data_offsets"));
    }
    return new TensorEntry(name, dtype, shape, offsets[0], offsets[1], at);
  }

  /** An array of non-negative integers, of exactly {@code count} elements unless count < 0. */
  private long[] readLongs(JsonParser json, String tensor, String key, int count) throws IOException {
    // The field name ("tensors[NAME].shape") is built only for an error: 1,000+ tensors a file.
    if (json.currentToken() != JsonToken.START_ARRAY) {
      throw error("tensors[" + tensor + "]" + key, offset(json), "must be an array of non-negative integers");
    }
    long[] values = new long[8];
    int size = 0;
    while (json.nextToken() != JsonToken.END_ARRAY) {
      long value = json.currentToken() == JsonToken.VALUE_NUMBER_INT ? nonNegativeLong(json) : -1;
      if (value < 0) {
        throw error("tensors[" + tensor + "]" + key, offset(json), "'" + json.getText() + "' is not a non-negative"
            + " 64-bit integer");
      }
      if (size >= 64) {
        throw error("tensors[" + tensor + "]" + key, offset(json), "more than 64 entries");
      }
      if (size == values.length) {
        values = java.util.Arrays.copyOf(values, size * 2);
      }
      values[size++] = value;
    }
    if (count >= 0 && size != count) {
      throw error("tensors[" + tensor + "]" + key, offset(json), "has " + size + " entries, expected " + count);
    }
    return java.util.Arrays.copyOf(values, size);
  }

  /**
   * The integer token's value when it is a non-negative long, else -1. Read from the token's
   * characters: Jackson's own number parsing initialises tables (and compiles a regex) that cost
   * a cold run more than all the numbers of a header.
   */
  private static long nonNegativeLong(JsonParser json) throws IOException {
    char[] chars = json.getTextCharacters();
    int from = json.getTextOffset();
    int length = json.getTextLength();
    boolean negative = length > 0 && chars[from] == '-';
    int digits = negative ? length - 1 : length;
    if (digits == 0 || digits > 19) {
      return -1; // 20+ digits exceed a long
    }
    long value = 0;
    for (int i = negative ? from + 1 : from; i < from + length; i++) {
      char c = chars[i];
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
      if (value < 0) {
        return -1; // overflowed past Long.MAX_VALUE (19 digits cannot wrap past 2^64)
      }
    }
    return negative && value != 0 ? -1 : value; // -0 is 0, as serde_json reads it
  }

  /** One tensor entry as the header states it, before validation. */
  record TensorEntry(String name, String dtype, long[] shape, long begin, long end,
      long headerOffset) {}

}
