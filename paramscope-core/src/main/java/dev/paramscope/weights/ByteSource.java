package dev.paramscope.weights;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Random-access reads from a checkpoint: a local file today, an HTTP Range source later.
 *
 * <p>Readers pull only header bytes through this interface; {@link #bytesRead()} lets
 * callers (and tests) prove that no tensor data was read.
 */
public interface ByteSource extends Closeable {

  /** The name used in error messages: a file path or a URL. */
  String name();

  /** Total size in bytes. */
  long size() throws IOException;

  /**
   * Reads up to {@code dst.remaining()} bytes starting at byte {@code offset} into {@code dst}.
   *
   * @return the number of bytes read (fewer than asked only at the end), or -1 when
   *     {@code offset >= size()}
   */
  int read(long offset, ByteBuffer dst) throws IOException;

  /** Bytes pulled through {@link #read} so far. */
  long bytesRead();

  /** A source over a local file, opened read-only; close it when done. */
  static ByteSource ofFile(Path path) throws IOException {
    return FileByteSource.open(path);
  }

  /** As {@link #ofFile(Path)}; named by {@link java.io.File#getPath()}. */
  static ByteSource ofFile(java.io.File file) throws IOException {
    return FileByteSource.open(file);
  }

  /** Reads exactly {@code dst.remaining()} bytes at {@code offset} or fails on a short file. */
  default void readFully(long offset, ByteBuffer dst) throws IOException {
    long position = offset;
    while (dst.hasRemaining()) {
      int n = read(position, dst);
      if (n <= 0) {
        throw new java.io.EOFException(name() + ": ends at byte " + position);
      }
      position += n;
    }
  }

  /**
   * As {@link #readFully(long, ByteBuffer)} into {@code dst[from, from + length)}. Header readers
   * use arrays: a file source reads them without a buffer's bookkeeping.
   */
  default void readFully(long offset, byte[] dst, int from, int length) throws IOException {
    readFully(offset, ByteBuffer.wrap(dst, from, length));
  }

  /** A stream over bytes {@code [offset, offset + length)}; closing it leaves the source open. */
  default InputStream stream(long offset, long length) {
    return new ByteSourceInputStream(this, offset, length);
  }
}
