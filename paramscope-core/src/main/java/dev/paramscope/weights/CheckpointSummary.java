package dev.paramscope.weights;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a checkpoint's headers say: its tensors, its metadata and its files. A single file,
 * every part of a split GGUF, or every shard of a safetensors index.
 *
 * <p>Totals are derived from {@link #tensors()}: {@link #totalParams()} counts every stored
 * element, whatever the tensor (no buffers are excluded: a header cannot tell them apart).
 *
 * @param format the format
 * @param version the GGUF version (1-3); 0 for safetensors, which has none
 * @param kvCount GGUF key-value pairs in the (first) header; for safetensors the number of
 *     {@code __metadata__} entries of the first file
 * @param metadata header metadata in file order: GGUF values are String, Long (every integer
 *     type; u64 above Long.MAX_VALUE as BigInteger), Double, Boolean or {@code GgufArray};
 *     safetensors values are String (an index adds its own {@code metadata} entries)
 * @param tensors every tensor, in file order, files in part order
 * @param files the files read, in part order
 */
public record CheckpointSummary(WeightFormat format, int version, long kvCount,
    Map<String, Object> metadata, List<TensorInfo> tensors, List<CheckpointFile> files) {

  public CheckpointSummary {
    Objects.requireNonNull(format, "format");
    metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    tensors = List.copyOf(tensors);
    files = List.copyOf(files);
    if (files.isEmpty()) {
      throw new IllegalArgumentException("a checkpoint has at least one file");
    }
    if (version < 0 || kvCount < 0) {
      throw new IllegalArgumentException("negative version or kv_count");
    }
  }

  /** Number of tensors in all files. */
  public int tensorCount() {
    return tensors.size();
  }

  /** Elements in all tensors. */
  public long totalParams() {
    long total = 0;
    for (TensorInfo tensor : tensors) {
      total = Math.addExact(total, tensor.params());
    }
    return total;
  }

  /** Bytes of tensor data (the sum of the tensors' sizes, alignment padding excluded). */
  public long dataBytes() {
    long total = 0;
    for (int i = 0, n = tensors.size(); i < n; i++) {
      total = Math.addExact(total, tensors.get(i).bytes());
    }
    return total;
  }

  /** Sizes of all files together, headers and padding included. */
  public long fileBytes() {
    long total = 0;
    for (CheckpointFile file : files) {
      total = Math.addExact(total, file.fileBytes());
    }
    return total;
  }

  /** Tensors, params and bytes per type name, sorted by name. */
  public SortedMap<String, TypeTotals> byType() {
    Map<String, long[]> sums = new HashMap<>(); // tensors, params, bytes per type
    for (TensorInfo tensor : tensors) {
      long[] sum = sums.computeIfAbsent(tensor.type(), t -> new long[3]);
      sum[0]++;
      sum[1] = Math.addExact(sum[1], tensor.params());
      sum[2] = Math.addExact(sum[2], tensor.bytes());
    }
    SortedMap<String, TypeTotals> totals = new TreeMap<>();
    sums.forEach((type, sum) -> totals.put(type, new TypeTotals(sum[0], sum[1], sum[2])));
    return Collections.unmodifiableSortedMap(totals);
  }

  /** The GGUF {@code general.architecture} value, or null when absent (always for safetensors). */
  public String architecture() {
    Object value = metadata.get("general.architecture");
    return value instanceof String ? (String) value : null;
  }
}
