package dev.paramscope.weights.gguf;

import dev.paramscope.precision.GgmlType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds tiny GGUF files for tests: valid ones through {@link #kvString}, {@link #tensor},
 * and hostile ones through the raw methods, which write whatever they are given.
 */
public final class GgufFixtureWriter {
  private final int version;
  private final ByteArrayOutputStream kvs = new ByteArrayOutputStream();
  private final ByteArrayOutputStream infos = new ByteArrayOutputStream();
  private long kvCount;
  private long tensorCount;
  private long nextOffset;
  private long dataBytes;
  private int alignment = 32;
  private byte[] magic = "GGUF".getBytes(StandardCharsets.ISO_8859_1);

  public GgufFixtureWriter(int version) {
    this.version = version;
  }

  /** Replaces the 4-byte magic. */
  public GgufFixtureWriter magic(String text) {
    magic = text.getBytes(StandardCharsets.ISO_8859_1);
    return this;
  }

  public GgufFixtureWriter kvString(String key, String value) {
    return kvRaw(key, 8, string(value));
  }

  public GgufFixtureWriter kvU32(String key, long value) {
    if ("general.alignment".equals(key)) {
      alignment = (int) value;
    }
    return kvRaw(key, 4, le(value, 4));
  }

  public GgufFixtureWriter kvU16(String key, int value) {
    return kvRaw(key, 2, le(value, 2));
  }

  /** A key, a raw value type id and the value's raw bytes. */
  public GgufFixtureWriter kvRaw(String key, long typeId, byte[] value) {
    write(kvs, string(key));
    write(kvs, le(typeId, 4));
    write(kvs, value);
    kvCount++;
    return this;
  }

  /** A tensor with GGUF dims (fastest first), placed after the previous one, aligned. */
  public GgufFixtureWriter tensor(String name, GgmlType type, long... dims) {
    long elements = 1;
    for (long d : dims) {
      elements *= d;
    }
    long bytes = type.bytesFor(elements);
    tensorRaw(name, dims, type.id(), nextOffset);
    dataBytes = nextOffset + bytes;
    nextOffset = align(dataBytes, alignment);
    return this;
  }

  /** A tensor info with raw fields; the data section is not grown. */
  public GgufFixtureWriter tensorRaw(String name, long[] dims, long typeId, long offset) {
    write(infos, string(name));
    write(infos, le(dims.length, 4));
    for (long d : dims) {
      write(infos, le(d, version == 1 ? 4 : 8));
    }
    write(infos, le(typeId, 4));
    write(infos, le(offset, 8));
    tensorCount++;
    return this;
  }

  /** Header through the tensor infos, padded to the alignment. */
  public byte[] header() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(out, magic);
    write(out, le(version, 4));
    write(out, le(tensorCount, version == 1 ? 4 : 8));
    write(out, le(kvCount, version == 1 ? 4 : 8));
    write(out, kvs.toByteArray());
    write(out, infos.toByteArray());
    int pad = (int) (align(out.size(), alignment) - out.size());
    write(out, new byte[pad]);
    return out.toByteArray();
  }

  /** The whole file: header and zeroed tensor data. */
  public byte[] bytes() {
    byte[] header = header();
    byte[] file = new byte[Math.toIntExact(header.length + dataBytes)];
    System.arraycopy(header, 0, file, 0, header.length);
    return file;
  }

  public Path write(Path path) throws IOException {
    return Files.write(path, bytes());
  }

  /** A GGUF string in this writer's version: u64 (v1: u32) length, then UTF-8 bytes. */
  public byte[] string(String text) {
    return string(text.getBytes(StandardCharsets.UTF_8));
  }

  public byte[] string(byte[] raw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(out, le(raw.length, version == 1 ? 4 : 8));
    write(out, raw);
    return out.toByteArray();
  }

  /** A length or count field in this writer's version. */
  public byte[] length(long value) {
    return le(value, version == 1 ? 4 : 8);
  }

  /** {@code value} little-endian in {@code width} bytes (1, 2, 4 or 8). */
  public static byte[] le(long value, int width) {
    ByteBuffer buffer = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value);
    byte[] out = new byte[width];
    System.arraycopy(buffer.array(), 0, out, 0, width);
    return out;
  }

  /** Concatenates byte arrays. */
  public static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      write(out, part);
    }
    return out.toByteArray();
  }

  private static long align(long n, int alignment) {
    return (n + alignment - 1) / alignment * alignment;
  }

  private static void write(ByteArrayOutputStream out, byte[] bytes) {
    out.write(bytes, 0, bytes.length);
  }
}
