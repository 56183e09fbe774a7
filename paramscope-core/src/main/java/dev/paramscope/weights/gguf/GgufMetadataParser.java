package dev.paramscope.weights.gguf;

import dev.paramscope.weights.CutText;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads GGUF key-value pairs ({@code gguf_kv}: key string, u32 value type, value) and GGUF
 * strings ({@code gguf_string_t}: u64 length, v1: u32, then UTF-8 bytes without NUL).
 *
 * <p>Limits, so that memory follows what is kept and not what the file holds: a key or tensor
 * name is at most {@link #MAX_NAME_BYTES}; a string value keeps at most {@link #KEPT_VALUE_BYTES}
 * (a longer one becomes a {@link CutText} of its first bytes, the rest skipped unread); kept
 * values together at most {@link #KEPT_STRING_BYTES} (values past it are cut), and names too
 * (names past it fail); arrays nest at most {@link #MAX_DEPTH} deep. Array elements past {@link GgufArray#KEPT}
 * are skipped (bounds-checked, not allocated).
 */
final class GgufMetadataParser {
  /** The GGUF spec's limit for keys (2^16 - 1 bytes), applied to tensor names too. */
  static final int MAX_NAME_BYTES = 65_535;
  static final int KEPT_VALUE_BYTES = 1 << 20;
  static final long KEPT_STRING_BYTES = 16L << 20;
  static final int MAX_DEPTH = 8;
  static final long MAX_KEPT_VALUES = 1L << 20;

  private final HeaderCursor cursor;
  private final int version;
  private long keptStringBytes;
  private long keptNameBytes;
  private long keptValues;

  GgufMetadataParser(HeaderCursor cursor, int version) {
    this.cursor = cursor;
    this.version = version;
  }

  /** Reads {@code count} key-value pairs in file order; duplicate keys are rejected. */
  Map<String, Object> readPairs(long count) throws IOException {
    Map<String, Object> pairs = new LinkedHashMap<>();
    for (long i = 0; i < count; i++) {
      long keyAt = cursor.position();
      String key = readName("kv[" + i + "].key");
      long typeAt = cursor.position();
      long typeId = cursor.u32("kv[" + key + "].value_type");
      GgufValueType type = valueType(typeId, "kv[" + key + "].value_type", typeAt);
      Object value = readValue(type, "kv[" + key + "].value", 0, true);
      if (pairs.putIfAbsent(key, value) != null) {
        throw cursor.error("kv[" + i + "].key", keyAt, "duplicate key '" + key + "'");
      }
    }
    return pairs;
  }

  GgufValueType valueType(long id, String field, long offset) {
    GgufValueType type = GgufValueType.byId(id);
    if (type == null) {
      throw cursor.error(field, offset, "unknown value type " + id + " (GGUF defines 0-12)");
    }
    return type;
  }

  /** A length or count field: u64, or u32 in GGUF v1. */
  long readLength(String field) throws IOException {
    long at = cursor.position();
    long length = version == 1 ? cursor.u32(field) : cursor.u64(field);
    if (length < 0) {
      throw cursor.error(field, at, "length " + Long.toUnsignedString(length) + " is too large");
    }
    return length;
  }

  /** Reads a key or tensor name: whole, or an error. */
  String readName(String field) throws IOException {
    long at = cursor.position();
    long length = readLength(field + ".length");
    long start = cursor.position();
    cursor.require(length, field);
    if (length > MAX_NAME_BYTES) {
      throw cursor.error(field, at, "name of " + length + " bytes exceeds the " + MAX_NAME_BYTES + "-byte limit");
    }
    if (keptNameBytes + length > KEPT_STRING_BYTES) {
      throw cursor.error(field, at, "keys and tensor names exceed " + KEPT_STRING_BYTES + " bytes");
    }
    keptNameBytes += length;
    return cursor.utf8(cursor.bytes((int) length, field), field, start);
  }

  /** Reads a string value: whole, or as a {@link CutText} when it is longer than the room left. */
  Object readText(String field) throws IOException {
    long length = readLength(field + ".length");
    long start = cursor.position();
    cursor.require(length, field);
    int room = (int) Math.min(KEPT_VALUE_BYTES, KEPT_STRING_BYTES - keptStringBytes);
    if (length <= room) {
      keptStringBytes += length;
      return cursor.utf8(cursor.bytes((int) length, field), field, start);
    }
    byte[] bytes = cursor.bytes(room, field);
    cursor.skip(length - room, field);
    keptStringBytes += room;
    int whole = wholeCharacters(bytes);
    return new CutText(cursor.utf8(java.util.Arrays.copyOf(bytes, whole), field, start), length);
  }

  /** How many of {@code bytes} end at a character boundary: a last UTF-8 sequence cut short is left out. */
  static int wholeCharacters(byte[] bytes) {
    int lead = bytes.length;
    while (lead > 0 && bytes.length - lead < 3 && (bytes[lead - 1] & 0xc0) == 0x80) {
      lead--;
    }
    if (lead == 0) {
      return bytes.length; // no lead byte: not UTF-8, for the decoder to report
    }
    int first = bytes[lead - 1] & 0xff;
    int needs = first >= 0xf0 ? 4 : first >= 0xe0 ? 3 : first >= 0xc0 ? 2 : 1;
    return bytes.length - (lead - 1) >= needs ? bytes.length : lead - 1;
  }

  /** Checks a string's bounds and moves past it. */
  private void skipString(String field) throws IOException {
    long length = readLength(field + ".length");
    cursor.skip(length, field);
  }

  /** Reads one value; when {@code keep} is false, strings and arrays are skipped (null). */
  private Object readValue(GgufValueType type, String field, int depth, boolean keep)
      throws IOException {
    if (!keep && type == GgufValueType.STRING) {
      skipString(field);
      return null;
    }
    switch (type) {
      case UINT8: return (long) cursor.u8(field);
      case INT8: return (long) (byte) cursor.u8(field);
      case UINT16: return (long) cursor.u16(field);
      case INT16: return (long) (short) cursor.u16(field);
      case UINT32: return cursor.u32(field);
      case INT32: return (long) cursor.i32(field);
      case FLOAT32: return (double) cursor.f32(field);
      case UINT64: {
        long value = cursor.u64(field);
        return value >= 0 ? (Object) value : new BigInteger(Long.toUnsignedString(value));
      }
      case INT64: return cursor.u64(field);
      case FLOAT64: return cursor.f64(field);
      case BOOL: return readBool(field);
      case STRING: return readText(field);
      case ARRAY: return readArray(field, depth + 1, keep);
      default: throw new IllegalStateException(type.name());
    }
  }

  private Boolean readBool(String field) throws IOException {
    long at = cursor.position();
    int value = cursor.u8(field);
    if (value > 1) {
      throw cursor.error(field, at, "bool value " + value + " is neither 0 nor 1");
    }
    return value == 1;
  }

  /**
   * Skips string elements {@code from..length-1} of an array (a vocabulary's tail), checking each
   * against the file; the element's field name is built only for the one that fails.
   */
  private void skipStrings(String field, long from, long length) throws IOException {
    int lengthBytes = version == 1 ? 4 : 8;
    for (long i = from; i < length; i++) {
      long start = cursor.position();
      long bytes = cursor.remaining() < lengthBytes ? -1 : version == 1 ? cursor.u32(field) : cursor.u64(field);
      if (bytes < 0 || bytes > cursor.remaining()) {
        cursor.seek(start);
        skipString(field + "[" + i + "]"); // throws, naming the element
      }
      cursor.skip(bytes, field);
    }
  }

  private GgufArray readArray(String field, int depth, boolean keep) throws IOException {
    long at = cursor.position();
    if (depth > MAX_DEPTH) {
      throw cursor.error(field, at, "arrays nested deeper than " + MAX_DEPTH);
    }
    GgufValueType elementType = valueType(cursor.u32(field + ".type"), field + ".type", at);
    long length = readLength(field + ".length");
    if (elementType.fixedBytes() > 0) {
      // Bound the whole array before reading any of it.
      long bytes = length > Long.MAX_VALUE / 8 ? -1 : length * elementType.fixedBytes();
      cursor.require(bytes, field); // -1 (overflow) always fails
    } else {
      cursor.require(length, field); // every string or array takes at least one byte
    }
    List<Object> kept = new ArrayList<>();
    for (long i = 0; i < length; i++) {
      boolean keepElement = keep && i < GgufArray.KEPT && keptValues < MAX_KEPT_VALUES;
      if (!keepElement && elementType.fixedBytes() > 0) {
        cursor.skip(Math.multiplyExact(length - i, (long) elementType.fixedBytes()), field);
        break;
      }
      if (elementType == GgufValueType.STRING) {
        if (!keepElement) {
          skipStrings(field, i, length);
          break;
        }
        kept.add(readText(field + "[" + i + "]"));
        keptValues++;
        continue;
      }
      // Numbers cannot fail (the whole array was bounded above), so they need no element name;
      // bools (0 or 1 only) and nested arrays can.
      boolean canFail = elementType == GgufValueType.BOOL || elementType == GgufValueType.ARRAY;
      String element = canFail ? field + "[" + i + "]" : field;
      Object value = readValue(elementType, element, depth, keepElement);
      if (keepElement) {
        kept.add(value);
        keptValues++;
      }
    }
    if (!keep) {
      return null;
    }
    return new GgufArray(elementType.name(), length, kept);
  }
}
