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
  /** By begin, then end offset. A class, not a lambda: cold command paths avoid lambda linkage. */
  private static final Comparator<TensorEntry> BY_OFFSETS = new Comparator<>() {
    @Override
    public int compare(TensorEntry a, TensorEntry b) {
      int byBegin = Long.compare(a.begin(), b.begin());
      return byBegin != 0 ? byBegin : Long.compare(a.end(), b.end());
    }
  };

  private SafetensorsLayout() {}

  /** Validated tensors in header order, offsets made absolute ({@code dataStart + begin}). */
  static List<TensorInfo> validate(String file, List<TensorEntry> entries, long dataStart,
      long dataBytes) {
    // Headers are written in offset order, so one pass usually proves the tiling and builds the
    // tensors; anything else (an entry out of order, a gap, a problem to report) goes through
    // checkTiling and then tensor by tensor, which finds the same first problem either way.
    int n = entries.size();
    List<TensorInfo> tensors = new ArrayList<>(n);
    long expectedBegin = 0;
    for (int i = 0; i < n; i++) {
      TensorEntry entry = entries.get(i);
      long begin = entry.begin();
      long end = entry.end();
      if (begin != expectedBegin || end < begin) {
        return checked(file, entries, dataStart, dataBytes);
      }
      expectedBegin = end;
      TensorInfo tensor = tensorOrNull(entry, dataStart);
      if (tensor == null) {
        return checked(file, entries, dataStart, dataBytes);
      }
      tensors.add(tensor);
    }
    if (expectedBegin != dataBytes) {
      return checked(file, entries, dataStart, dataBytes);
    }
    return tensors;
  }

  /**
   * As {@link #validate}, checking the tiling in offset order first, then each tensor: the
   * reference the one-pass path is held to (tests call it directly).
   */
  static List<TensorInfo> checked(String file, List<TensorEntry> entries, long dataStart,
      long dataBytes) {
    checkTiling(file, entries, dataBytes);
    List<TensorInfo> tensors = new ArrayList<>(entries.size());
    for (TensorEntry entry : entries) {
      tensors.add(tensor(file, entry, dataStart));
    }
    return tensors;
  }

  private static void checkTiling(String file, List<TensorEntry> entries, long dataBytes) {
    List<TensorEntry> sorted = entries;
    for (int i = 1; i < entries.size(); i++) {
      TensorEntry previous = entries.get(i - 1);
      TensorEntry entry = entries.get(i);
      if (previous.begin() > entry.begin() || (previous.begin() == entry.begin() && previous.end() > entry.end())) {
        sorted = new ArrayList<>(entries);
        sorted.sort(BY_OFFSETS);
        break;
      }
    }
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

  /**
   * The entry's tensor when its dtype is known and its byte range is its shape's size, else null
   * (then {@link #tensor} says why). While the running product and the next dimension are both
   * below 2^31 their product cannot overflow, so the usual shape is multiplied without
   * Math.multiplyExact, which a cold JVM runs as three interpreted calls per dimension; a larger
   * factor returns null and the exact path decides.
   */
  private static TensorInfo tensorOrNull(TensorEntry entry, long dataStart) {
    SafetensorsDtype dtype = entry.type();
    if (dtype == null) {
      return null;
    }
    long[] dims = entry.shape();
    long params = 1;
    for (long dim : dims) {
      if ((params | dim) >>> 31 != 0) {
        return null;
      }
      params *= dim; // < 2^62
    }
    if (params >>> 55 != 0) {
      return null;
    }
    long bits = params * dtype.bits(); // < 2^55 * 64 = 2^61
    if ((bits & 7) != 0 || bits / 8 != entry.end() - entry.begin()) {
      return null;
    }
    return new TensorInfo(entry.name(), dtype.name(), boxed(dims), params, bits / 8,
        dataStart + entry.begin());
  }

  /** The dimensions as an immutable list; ranks 1 and 2 without an array. */
  private static List<Long> boxed(long[] dims) {
    switch (dims.length) {
      case 0:
        return List.of();
      case 1:
        return List.of(dims[0]);
      case 2:
        return List.of(dims[0], dims[1]);
      default:
        Long[] boxed = new Long[dims.length];
        for (int i = 0; i < dims.length; i++) {
          boxed[i] = dims[i];
        }
        return List.of(boxed);
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
      throw sizeMismatch(file, entry, dtype, params, bytes);
    }
    return new TensorInfo(entry.name(), dtype.name(), boxed(entry.shape()), params, bytes,
        dataStart + entry.begin());
  }

  /** Messages are built out of line: this class's methods run for every tensor of a checkpoint. */
  private static WeightFormatException error(String file, TensorEntry entry, String key, String problem) {
    return new WeightFormatException(file, "tensors[" + entry.name() + "]" + key, entry.headerOffset(), problem);
  }

  private static WeightFormatException sizeMismatch(String file, TensorEntry entry, SafetensorsDtype dtype,
      long params, long bytes) {
    return error(file, entry, ".data_offsets", "byte range " + (entry.end() - entry.begin()) + " != " + params
        + " elements x " + dtype.bits() + " bits / 8 = " + bytes);
  }
}
