package dev.paramscope.weights;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paramscope.BadInputException;
import dev.paramscope.testing.SharedTestData;
import dev.paramscope.weights.gguf.GgufReader;
import dev.paramscope.weights.safetensors.SafetensorsReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded mutation fuzzing of the real shared files: every mutant must either parse or be
 * rejected with a BadInputException; anything else (an NPE, an OOM, an overflow) fails.
 * The seed is {@code PARAMSCOPE_FUZZ_SEED} or today's epoch day, and is printed so that a
 * failure can be replayed. A format's run taking over a minute counts as a hang.
 */
class HeaderFuzzTest {
  private static final int MUTATIONS_PER_FORMAT = 12_000;
  /** Interesting 64-bit values for overwriting a length, count, dimension or offset. */
  private static final long[] INTERESTING = {0, 1, -1, 2, 31, 32, 255, 256, 65535, 1L << 31,
      (1L << 32) - 1, 1L << 32, Long.MAX_VALUE, Long.MIN_VALUE, 100_000_000, 100_000_001};

  private static long seed() {
    String env = System.getenv("PARAMSCOPE_FUZZ_SEED");
    return env != null && !env.isBlank() ? Long.parseLong(env.trim())
        : LocalDate.now().toEpochDay();
  }

  @Test
  @Timeout(60)
  void ggufMutantsFailCleanly() throws IOException {
    Path dir = SharedTestData.require("files/gguf");
    fuzz("gguf", List.of(dir.resolve("all-types-layout.gguf"), dir.resolve("tiny-llama-f32.gguf"),
        dir.resolve("quant/tiny-llama-mix-Q4_K_M.gguf"), dir.resolve("quant/tiny-llama-pure-TQ1_0.gguf"),
        dir.resolve("split/tiny-llama-f32-00002-of-00003.gguf")), true);
  }

  @Test
  @Timeout(60)
  void safetensorsMutantsFailCleanly() throws IOException {
    Path dir = SharedTestData.require("files/safetensors");
    fuzz("safetensors", List.of(dir.resolve("silero_vad_16k.safetensors"),
        dir.resolve("list.safetensors"), dir.resolve("jfk-codes.safetensors"),
        dir.resolve("samples/overall.safetensors"),
        dir.resolve("tiny-llama-sharded/model-00011-of-00012.safetensors")), false);
  }

  private static void fuzz(String format, List<Path> files, boolean gguf) throws IOException {
    long seed = seed();
    System.out.println("HeaderFuzzTest " + format + ": seed " + seed
        + " (set PARAMSCOPE_FUZZ_SEED to replay)");
    SplittableRandom random = new SplittableRandom(seed);
    List<byte[]> contents = new ArrayList<>();
    List<Long> headerEnds = new ArrayList<>();
    for (Path path : files) {
      contents.add(Files.readAllBytes(path));
      headerEnds.add(headerEnd(contents.get(contents.size() - 1), gguf));
    }
    List<String> failures = new ArrayList<>();
    int rejected = 0;
    for (int i = 0; i < MUTATIONS_PER_FORMAT; i++) {
      Path path = files.get(i % files.size());
      byte[] bytes = contents.get(i % files.size());
      long headerEnd = headerEnds.get(i % files.size());
      MemorySource mutant = mutate(bytes, headerEnd, random);
      try {
        if (gguf) {
          GgufReader.read(mutant);
        } else {
          SafetensorsReader.read(mutant);
        }
      } catch (BadInputException expected) {
        rejected++;
      } catch (Exception | Error e) {
        if (failures.size() < 10) {
          failures.add("mutation " + i + " of " + path.getFileName() + ": " + e);
        }
      }
    }
    System.out.println("HeaderFuzzTest " + format + ": " + rejected + " of "
        + MUTATIONS_PER_FORMAT + " mutants rejected");
    assertThat(failures).as("seed %d", seed).isEmpty();
    assertThat(rejected).as("mutations must reach the checks").isPositive();
  }

  private static long headerEnd(byte[] bytes, boolean gguf) throws IOException {
    MemorySource source = new MemorySource(bytes);
    CheckpointSummary summary = gguf ? GgufReader.read(source) : SafetensorsReader.read(source);
    return summary.files().get(0).dataOffset();
  }

  /** 1-4 byte patches, a 64-bit overwrite, or a truncation, aimed at the header. */
  private static MemorySource mutate(byte[] bytes, long headerEnd, SplittableRandom random) {
    int span = (int) Math.min(bytes.length, headerEnd + 8);
    switch (random.nextInt(4)) {
      case 0: {
        int n = 1 + random.nextInt(4);
        int[] at = new int[n];
        byte[] value = new byte[n];
        for (int k = 0; k < n; k++) {
          at[k] = random.nextInt(span);
          value[k] = (byte) random.nextInt(256);
        }
        return new MemorySource(bytes, bytes.length, at, value);
      }
      case 1: {
        int start = random.nextInt(Math.max(1, span - 8));
        long value = INTERESTING[random.nextInt(INTERESTING.length)];
        int width = random.nextBoolean() ? 8 : 4;
        int[] at = new int[width];
        byte[] patch = new byte[width];
        for (int k = 0; k < width; k++) {
          at[k] = Math.min(bytes.length - 1, start + k);
          patch[k] = (byte) (value >>> (8 * k));
        }
        return new MemorySource(bytes, bytes.length, at, patch);
      }
      case 2:
        return new MemorySource(bytes, random.nextInt(bytes.length), new int[0], new byte[0]);
      default: {
        int at = random.nextInt(span);
        return new MemorySource(bytes, bytes.length, new int[] {at},
            new byte[] {(byte) (bytes[at] ^ (1 << random.nextInt(8)))});
      }
    }
  }
}
