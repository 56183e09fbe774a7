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
    List<TensorEntry> sorted = entries;
    for (int i = 1; i < entries.size(); i++) {
      TensorEntry previous = entries.get(i - 1);
      TensorEntry entry = entries.get(i);
      if (previous.begin() > entry.begin() || (previous.begin() == entry.begin() && previous.end() > entry.end())) {
        sorted = new ArrayList<>(entries); // headers are usually written in offset order already
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
    List<TensorInfo> tensors = new ArrayList<>(entries.size());
    for (TensorEntry entry : entries) {
      tensors.add(tensor(file, entry, dataStart));
    }
    return tensors;
  }

  private static TensorInfo tensor(String file, TensorEntry entry, long dataStart) {
    SafetensorsDtype dtype = SafetensorsDtype.byHeaderName(entry.dtype());
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
    Long[] dims = new Long[entry.shape().length];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = entry.shape()[i];
    }
    List<Long> shape = List.of(dims);
    return new TensorInfo(entry.name(), dtype.name(), shape, params, bytes,
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
