package dev.paramscope.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file source skips a seek when a read starts where the last one ended: reads stay exact. */
class FileByteSourceTest {

  @Test
  void readsInAnyOrderReturnTheFilesBytes(@TempDir Path dir) throws Exception {
    Random random = new Random(17);
    byte[] content = new byte[20_000];
    random.nextBytes(content);
    Path file = dir.resolve("data.bin");
    Files.write(file, content);
    long bytesAsked = 0;
    try (ByteSource source = ByteSource.ofFile(file)) {
      assertThat(source.size()).isEqualTo(content.length);
      int offset = 0;
      for (int i = 0; i < 3_000; i++) {
        // Mostly sequential (no seek), now and then a jump back or ahead.
        if (random.nextInt(3) == 0) {
          offset = random.nextInt(content.length);
        }
        int length = Math.min(random.nextInt(300), content.length - offset);
        switch (random.nextInt(3)) {
          case 0: {
            byte[] dst = new byte[length + 4];
            source.readFully(offset, dst, 2, length);
            assertThat(Arrays.copyOfRange(dst, 2, 2 + length))
                .isEqualTo(Arrays.copyOfRange(content, offset, offset + length));
            break;
          }
          case 1: {
            ByteBuffer dst = ByteBuffer.allocate(length);
            source.readFully(offset, dst);
            assertThat(dst.array()).isEqualTo(Arrays.copyOfRange(content, offset, offset + length));
            break;
          }
          default: {
            ByteBuffer dst = ByteBuffer.allocateDirect(length);
            int n = source.read(offset, dst);
            byte[] got = new byte[Math.max(n, 0)];
            dst.flip().get(got);
            assertThat(got).isEqualTo(Arrays.copyOfRange(content, offset, offset + got.length));
            length = got.length;
          }
        }
        bytesAsked += length;
        offset += length;
        if (offset >= content.length) {
          // Past the end, then back to a read that must seek again.
          assertThatThrownBy(() -> source.readFully(content.length - 1, new byte[2], 0, 2))
              .isInstanceOf(EOFException.class);
          bytesAsked += 1;
          offset = 0;
        }
      }
      assertThat(source.bytesRead()).isEqualTo(bytesAsked);
    }
  }
}
