package dev.paramscope.weights;

import dev.paramscope.BadInputException;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * A {@link ByteSource} over a local file through a {@link RandomAccessFile}, which also refuses
 * what is not a regular file.
 */
final class FileByteSource implements ByteSource {
  private final String name;
  private final RandomAccessFile file;
  private long bytesRead;
  /**
   * The file pointer, as the reads here leave it: a read that starts there needs no seek.
   */
  private long position;
  private static final long UNKNOWN = -1;

  private FileByteSource(String name, RandomAccessFile file) {
    this.name = name;
    this.file = file;
  }

  static FileByteSource open(Path path) throws IOException {
    return open(path.toFile());
  }

  static FileByteSource open(File file) throws IOException {
    if (!file.isFile()) {
      throw new BadInputException(file.getPath(), file.exists() ? "not a regular file" : "no such file");
    }
    return new FileByteSource(file.getPath(), new RandomAccessFile(file, "r"));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public long size() throws IOException {
    return file.length();
  }

  /** Synchronized: a read is a seek then a read on the file's one position. */
  @Override
  public synchronized int read(long offset, ByteBuffer dst) throws IOException {
    if (offset < 0) {
      throw new IllegalArgumentException("negative offset " + offset);
    }
    if (!dst.hasRemaining()) {
      return 0;
    }
    seek(offset);
    position = UNKNOWN; // until the read returns
    int n;
    if (dst.hasArray()) {
      n = file.read(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
      if (n > 0) {
        dst.position(dst.position() + n);
      }
    } else {
      byte[] chunk = new byte[Math.min(dst.remaining(), 1 << 16)];
      n = file.read(chunk, 0, chunk.length);
      if (n > 0) {
        dst.put(chunk, 0, n);
      }
    }
    position = offset + Math.max(n, 0);
    if (n > 0) {
      bytesRead += n;
    }
    return n;
  }

  private void seek(long offset) throws IOException {
    if (offset != position) {
      position = UNKNOWN; // until the seek returns
      file.seek(offset);
      position = offset;
    }
  }

  @Override
  public synchronized void readFully(long offset, byte[] dst, int from, int length) throws IOException {
    if (offset < 0) {
      throw new IllegalArgumentException("negative offset " + offset);
    }
    java.util.Objects.checkFromIndexSize(from, length, dst.length);
    seek(offset);
    position = UNKNOWN; // until the reads return
    for (int done = 0; done < length; ) {
      int n = file.read(dst, from + done, length - done);
      if (n <= 0) {
        throw new java.io.EOFException(name() + ": ends at byte " + (offset + done));
      }
      done += n;
      bytesRead += n;
    }
    position = offset + length;
  }

  @Override
  public synchronized long bytesRead() {
    return bytesRead;
  }

  @Override
  public void close() throws IOException {
    file.close();
  }
}
