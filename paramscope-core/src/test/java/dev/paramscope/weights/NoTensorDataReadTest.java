package dev.paramscope.weights;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paramscope.precision.GgmlType;
import dev.paramscope.weights.gguf.GgufFixtureWriter;
import dev.paramscope.weights.gguf.GgufReader;
import dev.paramscope.weights.safetensors.SafetensorsDtype;
import dev.paramscope.weights.safetensors.SafetensorsFixtureWriter;
import dev.paramscope.weights.safetensors.SafetensorsReader;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readers pull header bytes only: a 4 GiB sparse file costs a few kilobytes of reads. */
class NoTensorDataReadTest {
  private static final long FOUR_GIB = 4L << 30;

  @Test
  void ggufReadsOnlyItsHeader(@TempDir Path dir) throws IOException {
    // F32 [2^20, 2^10]: 4 GiB of data behind a ~100-byte header
    byte[] header = new GgufFixtureWriter(3).kvString("general.architecture", "llama")
        .tensor("w", GgmlType.F32, 1 << 20, 1 << 10).header();
    Path file = sparse(dir.resolve("big.gguf"), header, FOUR_GIB);
    try (ByteSource source = ByteSource.ofFile(file)) {
      CheckpointSummary summary = GgufReader.read(source);
      assertThat(summary.dataBytes()).isEqualTo(FOUR_GIB);
      // the header cursor reads in windows of at most 64 KiB
      assertThat(source.bytesRead()).isLessThanOrEqualTo(header.length + 64 * 1024);
    }
  }

  @Test
  void safetensorsReadsOnlyItsHeader(@TempDir Path dir) throws IOException {
    SafetensorsFixtureWriter writer = new SafetensorsFixtureWriter()
        .tensor("w", SafetensorsDtype.BF16, 1L << 21, 1L << 10);
    String json = writer.headerJson();
    byte[] header = SafetensorsFixtureWriter.file(json, 0);
    Path file = sparse(dir.resolve("big.safetensors"), header, FOUR_GIB);
    try (ByteSource source = ByteSource.ofFile(file)) {
      CheckpointSummary summary = SafetensorsReader.read(source);
      assertThat(summary.dataBytes()).isEqualTo(FOUR_GIB);
      // 16 bytes sniffed at the start (overlapping the header), then the JSON itself
      assertThat(source.bytesRead()).isLessThanOrEqualTo(16 + header.length);
    }
  }

  private static Path sparse(Path path, byte[] header, long dataBytes) throws IOException {
    Files.write(path, header);
    try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
      file.setLength(header.length + dataBytes);
    }
    return path;
  }
}
