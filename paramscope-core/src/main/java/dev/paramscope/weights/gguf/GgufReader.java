package dev.paramscope.weights.gguf;

import dev.paramscope.BadInputException;
import dev.paramscope.weights.ByteSource;
import dev.paramscope.weights.CheckpointFile;
import dev.paramscope.weights.CheckpointSummary;
import dev.paramscope.weights.TensorInfo;
import dev.paramscope.weights.WeightFormat;
import dev.paramscope.weights.WeightFormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads GGUF headers (versions 1-3), never tensor data.
 *
 * <p>A split GGUF (llama.cpp's {@code llama-gguf-split}: files {@code name-00001-of-00003.gguf}
 * with keys {@code split.no}, {@code split.count}, {@code split.tensors.count}) is read
 * whole from any of its parts: the summary holds every part's tensors, while version, kv_count
 * and metadata are the first part's.
 */
public final class GgufReader {
  /** llama.cpp's split naming: {@code %s-%05d-of-%05d.gguf} (llama_split_path). */
  private GgufReader() {}

  /**
   * Reads a GGUF file, and all its sibling parts when it is one part of a split GGUF.
   *
   * @throws WeightFormatException if a header breaks the format
   * @throws BadInputException if the file or a split part is missing
   */
  public static CheckpointSummary read(Path path) throws IOException {
    GgufHeader first = readHeader(path);
    long splitCount = longValue(first, "split.count");
    if (splitCount <= 1) {
      return summary(List.of(first));
    }
    return summary(readParts(path, first, splitCount));
  }

  /** Reads one GGUF header from any byte source; split parts are not followed. */
  public static CheckpointSummary read(ByteSource source) throws IOException {
    return summary(List.of(GgufHeaderParser.parse(source)));
  }

  private static GgufHeader readHeader(Path path) throws IOException {
    try (ByteSource source = ByteSource.ofFile(path)) {
      return GgufHeaderParser.parse(source);
    }
  }

  private static List<GgufHeader> readParts(Path path, GgufHeader given, long count)
      throws IOException {
    Matcher name = SplitName.PATTERN.matcher(path.getFileName().toString());
    if (!name.matches() || Long.parseLong(name.group(3)) != count) {
      throw new WeightFormatException(path.toString(), "split.count", -1, "split.count is "
          + count + " but the file name does not end in -NNNNN-of-"
          + String.format(Locale.ROOT, "%05d", count) + ".gguf");
    }
    List<GgufHeader> parts = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      Path part = path.resolveSibling(String.format(Locale.ROOT, "%s-%05d-of-%05d.gguf",
          name.group(1), i, count));
      GgufHeader header = part.getFileName().equals(path.getFileName()) ? given : readHeader(part);
      checkPart(header, i - 1, count);
      parts.add(header);
    }
    long expected = longValue(parts.get(0), "split.tensors.count");
    long total = parts.stream().mapToLong(p -> p.tensors().size()).sum();
    if (expected >= 0 && expected != total) {
      throw new WeightFormatException(parts.get(0).file().path(), "split.tensors.count", -1,
          "says " + expected + " tensors but the " + count + " parts hold " + total);
    }
    return parts;
  }

  private static void checkPart(GgufHeader header, int index, long count) {
    long no = longValue(header, "split.no");
    long partCount = longValue(header, "split.count");
    if (no != index || partCount != count) {
      throw new WeightFormatException(header.file().path(), "split.no", -1, "part says it is "
          + no + " of " + partCount + "; expected " + index + " of " + count);
    }
  }

  /** The integer value of a key, -1 when absent; a non-integer value is a format error. */
  private static long longValue(GgufHeader header, String key) {
    Object value = header.metadata().get(key);
    if (value == null) {
      return -1;
    }
    if (!(value instanceof Long) || (Long) value < 0) {
      throw new WeightFormatException(header.file().path(), key, -1, "expected a non-negative"
          + " integer, found " + value);
    }
    return (Long) value;
  }

  private static CheckpointSummary summary(List<GgufHeader> parts) {
    GgufHeader first = parts.get(0);
    List<TensorInfo> tensors = new ArrayList<>();
    List<CheckpointFile> files = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (GgufHeader part : parts) {
      for (TensorInfo tensor : part.tensors()) {
        if (!names.add(tensor.name())) {
          throw new WeightFormatException(part.file().path(), "tensor_infos[" + tensor.name()
              + "].name", -1, "tensor also appears in an earlier split part");
        }
        tensors.add(tensor);
      }
      files.add(part.file());
    }
    return new CheckpointSummary(WeightFormat.GGUF, first.version(), first.kvCount(),
        first.metadata(), tensors, files);
  }

  /** The split-file name pattern, compiled on first use: most GGUF files are not split. */
  private static final class SplitName {
    static final Pattern PATTERN =
        Pattern.compile("(.+)-(\\d{5})-of-(\\d{5})\\.gguf", Pattern.CASE_INSENSITIVE);
  }
}
