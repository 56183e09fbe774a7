package dev.paramscope.weights;

import java.nio.ByteBuffer;

/**
 * A {@link ByteSource} over bytes in memory, optionally cut short and with bytes patched
 * over the original (so a fuzz loop mutates without copying megabytes).
 */
public final class MemorySource implements ByteSource {
  private final byte[] base;
  private final long size;
  private final int[] patchAt;
  private final byte[] patchValue;
  private long bytesRead;

  public MemorySource(byte[] base) {
    this(base, base.length, new int[0], new byte[0]);
  }

  public MemorySource(byte[] base, long size, int[] patchAt, byte[] patchValue) {
    this.base = base;
    this.size = Math.min(size, base.length);
    this.patchAt = patchAt;
    this.patchValue = patchValue;
  }

  @Override
  public String name() {
    return "memory";
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public int read(long offset, ByteBuffer dst) {
    if (offset >= size) {
      return -1;
    }
    int n = (int) Math.min(dst.remaining(), size - offset);
    int start = dst.position();
    dst.put(base, (int) offset, n);
    for (int i = 0; i < patchAt.length; i++) {
      if (patchAt[i] >= offset && patchAt[i] < offset + n) {
        dst.put(start + (int) (patchAt[i] - offset), patchValue[i]);
      }
    }
    bytesRead += n;
    return n;
  }

  @Override
  public long bytesRead() {
    return bytesRead;
  }

  @Override
  public void close() {}
}
