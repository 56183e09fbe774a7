package dev.paramscope.weights;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paramscope.weights.gguf.GgufFixtureWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Headers the formats allow but that hold a huge value (issue 18): a safetensors header at the
 * crate's 100,000,000-byte limit that is almost all one {@code __metadata__} string, and a GGUF
 * file with a 99 MB string value and an array of 100 MB of strings. Read in a JVM with
 * {@code -Xmx256m}, each must give a result with the long values cut, never an OutOfMemoryError.
 */
class LargeHeaderMemoryTest {
  private static final int BIG = 99_000_000;

  @Test
  void hugeMetadataValuesAreCutUnderA256MegabyteHeap(@TempDir Path dir) throws Exception {
    Path safetensors = writeSafetensors(dir.resolve("big-metadata.safetensors"));
    Path gguf = writeGguf(dir.resolve("big-strings.gguf"));
    assertThat(Files.size(safetensors)).isGreaterThan(99_000_000L);

    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-cp", System.getProperty("java.class.path"), HeaderMemoryProbe.class.getName(),
        safetensors.toString(), gguf.toString()));
    Process process = new ProcessBuilder(command).redirectOutput(dir.resolve("out.txt").toFile())
        .redirectError(dir.resolve("err.txt").toFile()).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("finished within 60 s").isTrue();
    String out = Files.readString(dir.resolve("out.txt"));
    String err = Files.readString(dir.resolve("err.txt"));
    assertThat(err).doesNotContain("OutOfMemoryError").isEmpty();
    assertThat(process.exitValue()).as(out + err).isZero();
    assertThat(out).contains("big-metadata.safetensors: 1 tensors", "format = pt (2 chars)",
        "big = xxxxxxxxxx", "… [cut: " + BIG + " bytes in the file]", "big-strings.gguf: 1 tensors",
        "general.architecture = llama (5 chars)", "big = yyyy", "many = [zzzz", "[cut: 100000 bytes in the file]] (");
  }

  /**
   * {"__metadata__":{"format":"pt","big":"xxx…中"},"t":{F32 [1]}} near the 100,000,000-byte limit:
   * the last character makes a whole copy of the value UTF-16, twice the bytes (main ran out of
   * memory on this file under -Xmx256m).
   */
  private static Path writeSafetensors(Path path) throws IOException {
    String before = "{\"__metadata__\":{\"format\":\"pt\",\"big\":\"";
    String after = "\"},\"t\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}";
    long headerBytes = before.length() + (long) BIG + after.length();
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16)) {
      out.write(GgufFixtureWriter.le(headerBytes, 8));
      out.write(before.getBytes(StandardCharsets.US_ASCII));
      repeat(out, (byte) 'x', BIG - 3);
      out.write("\u4e2d".getBytes(StandardCharsets.UTF_8));
      out.write(after.getBytes(StandardCharsets.US_ASCII));
      out.write(new byte[4]);
    }
    return path;
  }

  /** A v3 GGUF: general.architecture, a 99 MB string, 1,000 strings of 100 KB, one F32 tensor. */
  private static Path writeGguf(Path path) throws IOException {
    GgufFixtureWriter w = new GgufFixtureWriter(3);
    long written;
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16)) {
      out.write("GGUF".getBytes(StandardCharsets.US_ASCII));
      out.write(GgufFixtureWriter.le(3, 4));
      out.write(GgufFixtureWriter.le(1, 8)); // tensor_count
      out.write(GgufFixtureWriter.le(3, 8)); // metadata_kv_count
      out.write(w.string("general.architecture"));
      out.write(GgufFixtureWriter.le(8, 4));
      out.write(w.string("llama"));
      out.write(w.string("big"));
      out.write(GgufFixtureWriter.le(8, 4));
      out.write(GgufFixtureWriter.le(BIG, 8));
      repeat(out, (byte) 'y', BIG);
      out.write(w.string("many"));
      out.write(GgufFixtureWriter.le(9, 4)); // array
      out.write(GgufFixtureWriter.le(8, 4)); // of strings
      out.write(GgufFixtureWriter.le(1_000, 8));
      for (int i = 0; i < 1_000; i++) {
        out.write(GgufFixtureWriter.le(100_000, 8));
        repeat(out, (byte) 'z', 100_000);
      }
      out.write(w.string("t"));
      out.write(GgufFixtureWriter.le(1, 4)); // n_dimensions
      out.write(GgufFixtureWriter.le(8, 8));
      out.write(GgufFixtureWriter.le(0, 4)); // F32
      out.write(GgufFixtureWriter.le(0, 8)); // offset
    }
    written = Files.size(path);
    long dataStart = (written + 31) / 32 * 32;
    try (OutputStream out = Files.newOutputStream(path, java.nio.file.StandardOpenOption.APPEND)) {
      out.write(new byte[(int) (dataStart - written) + 32]);
    }
    return path;
  }

  private static void repeat(OutputStream out, byte value, long count) throws IOException {
    byte[] chunk = new byte[1 << 16];
    Arrays.fill(chunk, value);
    for (long left = count; left > 0; left -= chunk.length) {
      out.write(chunk, 0, (int) Math.min(chunk.length, left));
    }
  }
}
