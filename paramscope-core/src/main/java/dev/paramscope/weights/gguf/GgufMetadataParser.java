package dev.paramscope.weights.gguf;

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
 * <p>Limits: a string is at most {@link #MAX_STRING_BYTES}; kept strings together at most
 * {@link #MAX_KEPT_STRING_BYTES}; arrays nest at most {@link #MAX_DEPTH} deep. Array
 * elements past {@link GgufArray#KEPT} are skipped (bounds-checked, not allocated).
 */
final class GgufMetadataParser {
  static final int MAX_STRING_BYTES = 16 << 20;
  static final long MAX_KEPT_STRING_BYTES = 64L << 20;
  static final int MAX_DEPTH = 8;
  static final long MAX_KEPT_VALUES = 1L << 20;

  private final HeaderCursor cursor;
  private final int version;
  private long keptStringBytes;
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
      String key = readString("kv[" + i + "].key", true);
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

  /** Reads a string; when {@code keep} is false only its bounds are checked and null returned. */
  String readString(String field, boolean keep) throws IOException {
    long at = cursor.position();
    long length = readLength(field + ".length");
    cursor.require(length, field);
    if (!keep) {
      cursor.skip(length, field);
      return null;
    }
    if (length > MAX_STRING_BYTES) {
      throw cursor.error(field, at, "string of " + length + " bytes exceeds the "
          + MAX_STRING_BYTES + "-byte limit");
    }
    keptStringBytes += length;
    if (keptStringBytes > MAX_KEPT_STRING_BYTES) {
      throw cursor.error(field, at, "header strings exceed " + MAX_KEPT_STRING_BYTES + " bytes");
    }
    return cursor.utf8(cursor.bytes((int) length, field), field, at + (version == 1 ? 4 : 8));
  }

  /** Reads one value; when {@code keep} is false, strings and arrays are skipped (null). */
  private Object readValue(GgufValueType type, String field, int depth, boolean keep)
      throws IOException {
    if (!keep && type == GgufValueType.STRING) {
      return readString(field, false);
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
      case STRING: return readString(field, true);
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
   * length against the file. The element's field name is built only when one fails: then the
   * string is read again through {@link #readString}, which throws the usual error.
   */
  private void skipStrings(String field, long from, long length) throws IOException {
    long skipped = cursor.skipStrings(length - from, version == 1);
    if (from + skipped < length) {
      readString(field + "[" + (from + skipped) + "]", false);
      throw new IllegalStateException("string at " + cursor.position() + " failed its check but read");
    }
  }

  /** One kept element of a string array; its field name is built only if it fails. */
  private String readKeptString(String field, long index) throws IOException {
    long room = Math.min(MAX_STRING_BYTES, MAX_KEPT_STRING_BYTES - keptStringBytes);
    long start = cursor.position();
    String text = cursor.stringOrNull(version == 1, (int) Math.max(0, room));
    if (text == null) {
      String value = readString(field + "[" + index + "]", true);
      throw new IllegalStateException("string " + value.length() + " failed its check but read");
    }
    keptStringBytes += cursor.position() - start - (version == 1 ? 4 : 8);
    return text;
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
        kept.add(readKeptString(field, i));
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
