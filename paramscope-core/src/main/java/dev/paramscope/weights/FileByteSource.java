package dev.paramscope.weights;

import dev.paramscope.BadInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A {@link ByteSource} over a local file through a {@link FileChannel}. */
final class FileByteSource implements ByteSource {
  private final Path path;
  private final FileChannel channel;
  private long bytesRead;

  private FileByteSource(Path path, FileChannel channel) {
    this.path = path;
    this.channel = channel;
  }

  static FileByteSource open(Path path) throws IOException {
    if (!Files.exists(path)) {
      throw new BadInputException(path.toString(), "no such file");
    }
    if (!Files.isRegularFile(path)) {
      throw new BadInputException(path.toString(), "not a regular file");
    }
    return new FileByteSource(path, FileChannel.open(path, StandardOpenOption.READ));
  }

  @Override
  public String name() {
    return path.toString();
  }

  @Override
  public long size() throws IOException {
    return channel.size();
  }

  @Override
  public int read(long offset, ByteBuffer dst) throws IOException {
    if (offset < 0) {
      throw new IllegalArgumentException("negative offset " + offset);
    }
    int n = channel.read(dst, offset);
    if (n > 0) {
      bytesRead += n;
    }
    return n;
  }

  @Override
  public long bytesRead() {
    return bytesRead;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
