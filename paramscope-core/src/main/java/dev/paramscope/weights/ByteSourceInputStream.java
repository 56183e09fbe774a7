package dev.paramscope.weights;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/** An {@link InputStream} over a window of a {@link ByteSource}; reads what is asked, no more. */
final class ByteSourceInputStream extends InputStream {
  private final ByteSource source;
  private final long end;
  private long position;

  ByteSourceInputStream(ByteSource source, long offset, long length) {
    if (offset < 0 || length < 0) {
      throw new IllegalArgumentException("window " + offset + "+" + length);
    }
    this.source = source;
    this.position = offset;
    this.end = Math.addExact(offset, length);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n <= 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    long left = end - position;
    if (left <= 0) {
      return -1;
    }
    int want = (int) Math.min(len, left);
    int n = source.read(position, ByteBuffer.wrap(b, off, want));
    if (n > 0) {
      position += n;
    }
    return n;
  }
}
