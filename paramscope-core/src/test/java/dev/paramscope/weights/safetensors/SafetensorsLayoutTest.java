package dev.paramscope.weights.safetensors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paramscope.weights.TensorInfo;
import dev.paramscope.weights.safetensors.SafetensorsHeaderParser.TensorEntry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Random layouts, valid and broken (gaps, overlaps, wrong sizes, overflowing shapes, unknown
 * dtypes, out of order): each is accepted or rejected with a WeightFormatException, nothing else.
 */
class SafetensorsLayoutTest {

  private static String outcome(Supplier<List<TensorInfo>> check) {
    try {
      return check.get().toString();
    } catch (RuntimeException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }

  private static final long[] DIMS = {0, 1, 3, 4096, 128256, 1L << 30, (1L << 31) - 1, 1L << 31,
      1L << 32, 1L << 33, 3L << 40, 1L << 62, Long.MAX_VALUE / 3};

  private static long[] shape(Random random) {
    long[] shape = new long[random.nextInt(5)];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = random.nextInt(4) == 0 ? DIMS[random.nextInt(DIMS.length)] : 1 + random.nextInt(64);
    }
    return shape;
  }

  private static long elements(long[] shape) {
    long product = 1;
    for (long dim : shape) {
      product = Math.multiplyExact(product, dim);
    }
    return product;
  }

  @Test
  void everyLayoutIsAcceptedOrRejectedCleanly() {
    Random random = new Random(6);
    SafetensorsDtype[] dtypes = SafetensorsDtype.values();
    int accepted = 0;
    int rejected = 0;
    for (int round = 0; round < 20_000; round++) {
      List<TensorEntry> entries = new ArrayList<>();
      long begin = 0;
      int count = random.nextInt(6);
      for (int i = 0; i < count; i++) {
        long[] shape = shape(random);
        SafetensorsDtype dtype = random.nextInt(20) == 0 ? null : dtypes[random.nextInt(dtypes.length)];
        long bytes;
        try {
          bytes = dtype == null ? 2 : dtype.bytesFor(elements(shape));
        } catch (RuntimeException e) {
          // Overflows or does not fill whole bytes, which the reference rejects: now and then the
          // size the wrapped product would give, as a hostile header might state it.
          long wrapped = 1;
          for (long dim : shape) {
            wrapped *= dim;
          }
          long wrappedBytes = wrapped * (dtype == null ? 8 : dtype.bits()) / 8;
          bytes = random.nextBoolean() && wrappedBytes >= 0 && wrappedBytes < (1L << 40) ? wrappedBytes : 8;
        }
        switch (random.nextInt(12)) {
          case 0: bytes += 1; break; // wrong size
          case 1: begin += 4; break; // gap
          default: break;
        }
        long end = begin + bytes;
        if (random.nextInt(25) == 0) {
          end = begin - 1; // end before begin
        }
        entries.add(new TensorEntry("t" + i, dtype == null ? "X9" : dtype.name(), dtype, shape, begin, end, 8 + i));
        begin = Math.max(begin, end);
      }
      if (random.nextInt(6) == 0) {
        Collections.shuffle(entries, random); // out of offset order: still valid when it tiles
      }
      long dataBytes = random.nextInt(10) == 0 ? begin + 1 : begin;
      String outcome = outcome(() -> SafetensorsLayout.validate("f", entries, 100, dataBytes));
      assertThat(outcome).as("round %d", round).matches("(?s)\\[.*|WeightFormatException: f: .*");
      if (outcome.startsWith("[")) {
        accepted++;
      } else {
        rejected++;
      }
    }
    assertThat(accepted).isGreaterThan(3_000);
    assertThat(rejected).isGreaterThan(3_000);
  }
}
