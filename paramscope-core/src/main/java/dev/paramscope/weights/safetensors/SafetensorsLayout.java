package dev.paramscope.weights.safetensors;

import dev.paramscope.weights.TensorInfo;
import dev.paramscope.weights.WeightFormatException;
import dev.paramscope.weights.safetensors.SafetensorsHeaderParser.TensorEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Checks that a safetensors header's tensors tile its data section, following the
 * safetensors crate's {@code Metadata::validate}: in offset order each tensor starts where
 * the previous ended (the first at 0), its byte range equals shape product x dtype bits / 8,
 * and the last ends exactly at the end of the file.
 */
final class SafetensorsLayout {
  private static final Comparator<TensorEntry> BY_OFFSETS =
      Comparator.comparingLong(TensorEntry::begin).thenComparingLong(TensorEntry::end);

  private SafetensorsLayout() {}

  /** Validated tensors in header order, offsets made absolute ({@code dataStart + begin}). */
  static List<TensorInfo> validate(String file, List<TensorEntry> entries, long dataStart, long dataBytes) {
    checkTiling(file, entries, dataBytes);
    List<TensorInfo> tensors = new ArrayList<>(entries.size());
    for (TensorEntry entry : entries) {
      tensors.add(tensor(file, entry, dataStart));
    }
    return tensors;
  }

  private static void checkTiling(String file, List<TensorEntry> entries, long dataBytes) {
    List<TensorEntry> sorted = new ArrayList<>(entries);
    sorted.sort(BY_OFFSETS);
    long expectedBegin = 0;
    for (TensorEntry entry : sorted) {
      if (entry.begin() != expectedBegin || entry.end() < entry.begin()) {
        String field = "tensors[" + entry.name() + "].data_offsets";
        String problem = entry.end() < entry.begin() ? "end before begin"
            : entry.begin() < expectedBegin ? "overlaps the previous tensor (which ends at "
                + expectedBegin + ")" : "leaves a gap after byte " + expectedBegin;
        throw new WeightFormatException(file, field, entry.headerOffset(), "["
            + entry.begin() + ", " + entry.end() + "] " + problem);
      }
      expectedBegin = entry.end();
    }
    if (expectedBegin != dataBytes) {
      throw new WeightFormatException(file, "data_offsets", -1, "tensors cover " + expectedBegin
          + " bytes but the data section holds " + dataBytes
          + (expectedBegin > dataBytes ? " (truncated file?)" : ""));
    }
  }

  private static TensorInfo tensor(String file, TensorEntry entry, long dataStart) {
    SafetensorsDtype dtype = entry.type();
    if (dtype == null) {
      throw error(file, entry, ".dtype", "unknown dtype '" + entry.dtype() + "'");
    }
    long params = 1;
    long bytes;
    try {
      for (long dim : entry.shape()) {
        params = Math.multiplyExact(params, dim);
      }
      bytes = dtype.bytesFor(params);
    } catch (ArithmeticException e) {
      throw error(file, entry, ".shape", "element count of " + Arrays.toString(entry.shape()) + " overflows");
    } catch (IllegalArgumentException e) {
      throw error(file, entry, ".shape", e.getMessage());
    }
    if (bytes != entry.end() - entry.begin()) {
      throw error(file, entry, ".data_offsets", "byte range " + (entry.end() - entry.begin()) + " != "
          + params + " elements x " + dtype.bits() + " bits / 8 = " + bytes);
    }
    List<Long> shape = Arrays.stream(entry.shape()).boxed().toList();
    return new TensorInfo(entry.name(), dtype.name(), shape, params, bytes, dataStart + entry.begin());
  }

  private static WeightFormatException error(String file, TensorEntry entry, String key, String problem) {
    return new WeightFormatException(file, "tensors[" + entry.name() + "]" + key, entry.headerOffset(), problem);
  }
}
