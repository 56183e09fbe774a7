package dev.paramscope.weights.gguf;

import dev.paramscope.weights.ByteSource;
import dev.paramscope.weights.WeightFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Sequential little-endian reads of a GGUF header through a {@link ByteSource}, buffered in
 * small windows. Every read checks the bytes it needs against the file size first, so a
 * hostile length fails with a {@link WeightFormatException} before anything is allocated.
 */
final class HeaderCursor {
  private static final int WINDOW = 64 * 1024;

  private final ByteSource source;
  private final long size;
  private final ByteBuffer window = ByteBuffer.allocate(WINDOW).order(ByteOrder.LITTLE_ENDIAN);
  private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT)
      .onUnmappableCharacter(CodingErrorAction.REPORT);
  private long windowStart;
  private long position;

  HeaderCursor(ByteSource source) throws IOException {
    this.source = source;
    this.size = source.size();
    window.limit(0);
  }

  String file() {
    return source.name();
  }

  long position() {
    return position;
  }

  long size() {
    return size;
  }

  long remaining() {
    return size - position;
  }

  WeightFormatException error(String field, long offset, String problem) {
    return new WeightFormatException(source.name(), field, offset, problem);
  }

  /** Moves to an absolute position inside the file. */
  void seek(long target) {
    if (target < 0 || target > size) {
      throw new IllegalArgumentException("seek to " + target + " of " + size);
    }
    position = target;
  }

  /** Fails unless {@code count} more bytes exist in the file. */
  void require(long count, String field) {
    if (count < 0 || count > remaining()) {
      throw error(field, position, "truncated: needs " + Long.toUnsignedString(count)
          + " bytes, file has " + remaining() + " left");
    }
  }

  /** Moves past {@code count} bytes without reading them. */
  void skip(long count, String field) {
    require(count, field);
    position += count;
  }

  private ByteBuffer fill(int count, String field) throws IOException {
    require(count, field);
    window.position(windowIndex(count));
    position += count;
    return window;
  }

  int u8(String field) throws IOException {
    return fill(1, field).get() & 0xff;
  }

  int u16(String field) throws IOException {
    return fill(2, field).getShort() & 0xffff;
  }

  int i32(String field) throws IOException {
    return fill(4, field).getInt();
  }

  long u32(String field) throws IOException {
    return fill(4, field).getInt() & 0xffffffffL;
  }

  /** A u64; values above Long.MAX_VALUE come back negative (callers treat them as too large). */
  long u64(String field) throws IOException {
    return fill(8, field).getLong();
  }

  float f32(String field) throws IOException {
    return fill(4, field).getFloat();
  }

  double f64(String field) throws IOException {
    return fill(8, field).getDouble();
  }

  /** Reads {@code length} raw bytes; the caller has bounded the length. */
  byte[] bytes(int length, String field) throws IOException {
    require(length, field);
    byte[] out = new byte[length];
    int done = 0;
    while (done < length) {
      int chunk = Math.min(WINDOW, length - done);
      fill(chunk, field).get(out, done, chunk);
      done += chunk;
    }
    return out;
  }

  /** Makes the window hold {@code count} bytes at the position (which must exist); their index. */
  private int windowIndex(int count) throws IOException {
    long windowEnd = windowStart + window.limit();
    if (position < windowStart || position + count > windowEnd) {
      window.clear();
      windowStart = position;
      window.limit((int) Math.min(WINDOW, size - position));
      source.readFully(position, window);
      window.flip();
    }
    return (int) (position - windowStart);
  }

  private String decode(byte[] bytes, int offset, int length) {
    boolean ascii = true;
    for (int i = offset; i < offset + length; i++) {
      if (bytes[i] < 0) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
    }
    try {
      return utf8.decode(ByteBuffer.wrap(bytes, offset, length)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** Decodes strict UTF-8, failing on malformed input. */
  String utf8(byte[] bytes, String field, long offset) {
    String text = decode(bytes, 0, bytes.length);
    if (text == null) {
      throw error(field, offset, "string is not valid UTF-8");
    }
    return text;
  }

}
