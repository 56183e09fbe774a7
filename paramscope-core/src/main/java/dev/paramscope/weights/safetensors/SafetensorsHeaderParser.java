package dev.paramscope.weights.safetensors;

import dev.paramscope.json.JsonReader;
import dev.paramscope.json.JsonSyntaxException;
import dev.paramscope.weights.ByteSource;
import dev.paramscope.weights.CheckpointFile;
import dev.paramscope.weights.FileSignature;
import dev.paramscope.weights.TensorInfo;
import dev.paramscope.weights.WeightFormatException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

  private final ByteSource source;
  private final String file;
  /** Room for the longest shape or offsets array accepted: 64 entries. */
  private final long[] longs = new long[64];
  /** The header's bytes, for {@link #compactTensor}. */
  private byte[] header;
  /** Off only in tests, to hold the general path to the same results. */
  private final boolean compactPath;
  /** The offsets pair {@link #compactTensor} reads, and how many integers its last array held. */
  private final long[] offsetPair = new long[2];
  private int integerCount;
  /** Entries {@link #compactTensor} read (tests check that the crate's spelling takes that path). */
  private int compactEntries;

  private SafetensorsHeaderParser(ByteSource source, boolean compactPath) {
    this.source = source;
    this.file = source.name();
    this.compactPath = compactPath;
  }

  static SafetensorsFile parse(ByteSource source) throws IOException {
    return new SafetensorsHeaderParser(source, true).parse();
  }

  /** How many of the header's entries the one-pass path read (for tests). */
  static int compactEntries(ByteSource source) throws IOException {
    SafetensorsHeaderParser parser = new SafetensorsHeaderParser(source, true);
    parser.parse();
    return parser.compactEntries;
  }

  /** As {@link #parse(ByteSource)}, every entry read by the general JSON path (for tests). */
  static SafetensorsFile parseGenerally(ByteSource source) throws IOException {
    return new SafetensorsHeaderParser(source, false).parse();
  }

  private WeightFormatException error(String field, long offset, String problem) {
    return new WeightFormatException(file, field, offset, problem);
  }

  /** A problem with field {@code tensors[TENSOR]KEY} ({@code key} "" or ".shape"...), built only on error. */
  private WeightFormatException tensorError(String tensor, String key, long offset, String problem) {
    return error("tensors[" + tensor + "]" + key, offset, problem);
  }

  private WeightFormatException notNonNegative(String tensor, String key, long offset, String shown) {
    return tensorError(tensor, key, offset, "'" + shown + "' is not a non-negative 64-bit integer");
  }

  private SafetensorsFile parse() throws IOException {
    long size = source.size();
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
          + " is outside 2.." + MAX_HEADER_BYTES + "; the file looks like: "
          + FileSignature.describe(head));
    }
    if (headerBytes > size - 8) {
      throw error("header_length", 0, "header length " + headerBytes + " runs past the end of"
          + " the " + size + "-byte file (truncated?)");
    }
    if (head[8] != '{') {
      throw error("header", 8, "header does not start with '{' ("
          + FileSignature.describe(head) + ")");
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    List<TensorEntry> entries = new ArrayList<>();
    // Read whole, as the crate does (its MAX_HEADER_SIZE bounds it), and parsed by a strict
    // reader over the UTF-8 bytes; offsets in messages are byte offsets in the file.
    byte[] header = new byte[(int) headerBytes];
    // The header's first bytes came with the length; the rest is read from where that read ended.
    int fromHead = (int) Math.min(headerBytes, head.length - 8);
    System.arraycopy(head, 8, header, 0, fromHead);
    if (fromHead < header.length) {
      source.readFully(8 + fromHead, header, fromHead, header.length - fromHead);
    }
    try {
      this.header = header;
      readHeaderObject(new JsonReader(header, 0, header.length, HeaderJson.MAX_DEPTH), metadata, entries);
    } catch (JsonSyntaxException e) {
      throw new WeightFormatException(file, "header", 8 + e.offset(), "invalid JSON: " + e.getMessage(), e);
    }
    long dataStart = 8 + headerBytes;
    List<TensorInfo> tensors = SafetensorsLayout.validate(file, entries, dataStart,
        size - dataStart);
    return new SafetensorsFile(metadata, tensors,
        new CheckpointFile(file, size, dataStart, tensors.size()));
  }

  private void readHeaderObject(JsonReader json, Map<String, String> metadata,
      List<TensorEntry> entries) throws JsonSyntaxException {
    json.beginObject();
    Set<String> names = new HashSet<>();
    while (member(json, names, metadata, entries)) {
      // one call a member: compiled after a couple of hundred tensors, where a loop body here,
      // entered once a shard, would be interpreted for every tensor of a cold JVM (issue 6)
    }
    json.endObject();
    try {
      json.endDocument();
    } catch (JsonSyntaxException e) {
      throw error("header", 8 + e.offset(), "content after the header's JSON object");
    }
  }

  /** Reads the header object's next member (a tensor or the metadata); false at its end. */
  private boolean member(JsonReader json, Set<String> names, Map<String, String> metadata,
      List<TensorEntry> entries) throws JsonSyntaxException {
    String name = json.nextNameOrNull();
    if (name == null) {
      return false;
    }
    int at = json.namePosition();
    if (!names.add(name)) {
      throw JsonSyntaxException.duplicateName(name, at);
    }
    if (METADATA.equals(name)) {
      readMetadata(json, metadata);
    } else {
      if (entries.size() >= MAX_TENSORS) {
        throw error("header", 8 + at, "more than " + MAX_TENSORS + " tensors");
      }
      entries.add(readTensor(json, name));
    }
    return true;
  }

  private void readMetadata(JsonReader json, Map<String, String> metadata) throws JsonSyntaxException {
    JsonReader.Kind kind = json.peek();
    if (kind == JsonReader.Kind.NULL) {
      json.skipValue();
      return;
    }
    if (kind != JsonReader.Kind.OBJECT) {
      throw error(METADATA, 8 + json.position(), "must be an object of strings");
    }
    json.beginObject();
    while (json.hasNext()) {
      int at = json.position();
      String key = json.nextName();
      JsonReader.Kind value = json.peek();
      if (value != JsonReader.Kind.STRING) {
        throw error(METADATA + "." + key, 8 + json.position(), "value must be a string, found "
            + value.name().toLowerCase(java.util.Locale.ROOT));
      }
      if (metadata.put(key, json.nextString()) != null) {
        throw JsonSyntaxException.duplicateName(key, at);
      }
    }
    json.endObject();
  }

  private TensorEntry readTensor(JsonReader json, String name) throws JsonSyntaxException {
    if (compactPath) {
      TensorEntry compact = compactTensor(json, name);
      if (compact != null) {
        compactEntries++;
        return compact;
      }
    }
    long at = 8 + json.position();
    if (json.peek() != JsonReader.Kind.OBJECT) {
      throw tensorError(name, "", at, "must be an object with dtype, shape and data_offsets");
    }
    json.beginObject();
    String dtype = null;
    long[] shape = null;
    long[] offsets = null;
    int seen = 0;
    for (String key; (key = json.nextNameOrNull()) != null; ) {
      int bit;
      switch (key) {
        case "dtype":
          bit = 1;
          break;
        case "shape":
          bit = 2;
          break;
        case "data_offsets":
          bit = 4;
          break;
        default:
          bit = 0;
      }
      if ((seen & bit) != 0) {
        throw JsonSyntaxException.duplicateName(key, json.namePosition());
      }
      seen |= bit;
      switch (bit) {
        case 1:
          dtype = json.nextStringOrNull();
          if (dtype == null) {
            throw tensorError(name, ".dtype", 8 + json.position(), "must be a string");
          }
          break;
        case 2:
          shape = readLongs(json, name, ".shape", -1);
          break;
        case 4:
          offsets = readLongs(json, name, ".data_offsets", 2);
          break;
        default:
          json.skipValue(); // the crate ignores unknown fields
      }
    }
    json.endObject();
    if (dtype == null || shape == null || offsets == null) {
      throw missing(name, at, dtype == null ? "dtype" : shape == null ? "shape" : "data_offsets");
    }
    return new TensorEntry(name, dtype, SafetensorsDtype.byHeaderName(dtype), shape, offsets[0], offsets[1], at);
  }

  /** An array of non-negative integers, of exactly {@code count} elements unless count < 0. */
  private long[] readLongs(JsonReader json, String tensor, String key, int count) throws JsonSyntaxException {
    // The field name ("tensors[NAME].shape") is built only for an error: 1,000+ tensors a file.
    if (json.peek() != JsonReader.Kind.ARRAY) {
      throw tensorError(tensor, key, 8 + json.position(), "must be an array of non-negative integers");
    }
    json.beginArray();
    // Well-formed arrays are read whole by the first call; the loop below only meets an element
    // that call left (not a non-negative integer, or one past the limit) and reports it.
    long[] values = longs;
    int size = json.nextNonNegativeLongs(values);
    while (json.hasNext()) {
      int at = json.position();
      JsonReader.Kind kind = json.peek();
      if (kind != JsonReader.Kind.NUMBER) {
        json.skipValue();
        throw notNonNegative(tensor, key, 8 + at, kind.name().toLowerCase(java.util.Locale.ROOT));
      }
      long value = json.nextNonNegativeLong();
      if (value < 0) {
        throw notNonNegative(tensor, key, 8 + at, json.numberText());
      }
      if (size >= values.length) {
        throw tooMany(tensor, key, 8 + at, values.length);
      }
      values[size++] = value;
    }
    json.endArray();
    if (count >= 0 && size != count) {
      throw wrongCount(tensor, key, 8 + json.position(), size, count);
    }
    return java.util.Arrays.copyOf(values, size);
  }

  private static final byte[] DTYPE = ascii("\"dtype\"");
  private static final byte[] SHAPE = ascii("\"shape\"");
  private static final byte[] DATA_OFFSETS = ascii("\"data_offsets\"");

  private static byte[] ascii(String text) {
    return text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  /**
   * A tensor entry in the usual spelling, matched on the raw bytes in one pass: the fields in
   * declaration order, as the safetensors crate writes them compactly ({@code
   * {"dtype":"BF16","shape":[4096,4096],"data_offsets":[0,33554432]}}) and Python's json.dumps with
   * spaces ({@code {"dtype": "BF16", "shape": [4096, 4096], ...}}); whitespace between tokens, the
   * dtype in [A-Z0-9_], integers without sign or leading zero and of at most 18 digits. Such bytes
   * are one JSON object that the general path reads to the same entry; anything else (other order
   * or fields, escapes, a bad or large number, a problem to report) returns null with nothing
   * consumed, and the general path reads it. A cold JVM interprets most of a sharded checkpoint's
   * headers, and this is a third of the calls per tensor (issue 6).
   */
  private TensorEntry compactTensor(JsonReader json, String name) {
    byte[] in = header;
    int start = json.position();
    int p = whitespace(in, start);
    if (p >= in.length || in[p] != '{') {
      return null;
    }
    p = field(in, p + 1, DTYPE);
    if (p < 0 || p >= in.length || in[p] != '"') {
      return null;
    }
    int dtypeStart = ++p;
    while (p < in.length && ((in[p] >= 'A' && in[p] <= 'Z') || (in[p] >= '0' && in[p] <= '9') || in[p] == '_')) {
      p++;
    }
    int dtypeEnd = p;
    if (dtypeEnd == dtypeStart || p >= in.length || in[p] != '"') {
      return null;
    }
    p = comma(in, p + 1);
    p = p < 0 ? -1 : field(in, p, SHAPE);
    if (p < 0 || p >= in.length || in[p] != '[') {
      return null;
    }
    long[] values = longs;
    p = integerArray(in, p, values);
    int dims = integerCount;
    p = p < 0 ? -1 : comma(in, p);
    p = p < 0 ? -1 : field(in, p, DATA_OFFSETS);
    if (p < 0 || p >= in.length || in[p] != '[') {
      return null;
    }
    long[] offsets = offsetPair;
    p = integerArray(in, p, offsets);
    p = p < 0 || integerCount != 2 ? -1 : whitespace(in, p);
    if (p < 0 || p >= in.length || in[p] != '}') {
      return null;
    }
    json.skipPastValue(p + 1);
    SafetensorsDtype type = SafetensorsDtype.fromAscii(in, dtypeStart, dtypeEnd);
    String dtype = type != null ? type.name() : unknownDtype(in, dtypeStart, dtypeEnd);
    return new TensorEntry(name, dtype, type, java.util.Arrays.copyOf(values, dims), offsets[0], offsets[1],
        8L + start);
  }

  /**
   * The array at {@code in[p] == '['} when its elements are integers as {@link #compactTensor}
   * takes them, at most {@code into.length}: read into {@code into} (their count in {@link
   * #integerCount}), returning the index past the ']'; else -1.
   */
  private int integerArray(byte[] in, int p, long[] into) {
    int count = 0;
    p = whitespace(in, p + 1);
    if (p < in.length && in[p] == ']') {
      integerCount = 0;
      return p + 1;
    }
    while (true) {
      int digitsStart = p;
      long value = 0;
      while (p < in.length && in[p] >= '0' && in[p] <= '9') {
        value = value * 10 + (in[p] - '0');
        p++;
      }
      int digits = p - digitsStart;
      if (digits == 0 || digits > 18 || (digits > 1 && in[digitsStart] == '0') || count == into.length) {
        return -1;
      }
      into[count++] = value;
      p = whitespace(in, p);
      if (p >= in.length) {
        return -1;
      }
      if (in[p] == ']') {
        integerCount = count;
        return p + 1;
      }
      if (in[p] != ',') {
        return -1;
      }
      p = whitespace(in, p + 1);
    }
  }

  /** The index of the first byte at or after {@code p} that is not JSON whitespace. */
  private static int whitespace(byte[] in, int p) {
    while (p < in.length && (in[p] == ' ' || in[p] == '\n' || in[p] == '\r' || in[p] == '\t')) {
      p++;
    }
    return p;
  }

  /** Past whitespace, a comma and whitespace; -1 when there is no comma. */
  private static int comma(byte[] in, int p) {
    p = whitespace(in, p);
    return p < in.length && in[p] == ',' ? whitespace(in, p + 1) : -1;
  }

  /** Past whitespace, the quoted {@code name}, whitespace, a colon and whitespace; -1 when they are not there. */
  private static int field(byte[] in, int p, byte[] name) {
    p = whitespace(in, p);
    if (p + name.length > in.length) {
      return -1;
    }
    for (int i = 0; i < name.length; i++) {
      if (in[p + i] != name[i]) {
        return -1;
      }
    }
    p = whitespace(in, p + name.length);
    return p < in.length && in[p] == ':' ? whitespace(in, p + 1) : -1;
  }

  /** The text of a dtype no {@link SafetensorsDtype} names, for its message. */
  @SuppressWarnings("deprecation") // the ASCII ("hibyte") String constructor: these bytes are [A-Z0-9_]
  private static String unknownDtype(byte[] in, int from, int to) {
    return new String(in, 0, from, to - from);
  }

  private WeightFormatException tooMany(String tensor, String key, long offset, int limit) {
    return tensorError(tensor, key, offset, "more than " + limit + " entries");
  }

  private WeightFormatException wrongCount(String tensor, String key, long offset, int size, int count) {
    return tensorError(tensor, key, offset, "has " + size + " entries, expected " + count);
  }

  private WeightFormatException missing(String tensor, long offset, String field) {
    return tensorError(tensor, "", offset, "missing " + field);
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
