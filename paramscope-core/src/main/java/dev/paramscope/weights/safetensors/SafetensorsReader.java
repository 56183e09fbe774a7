package dev.paramscope.weights.safetensors;

import dev.paramscope.BadInputException;
import dev.paramscope.weights.ByteSource;
import dev.paramscope.weights.CheckpointFile;
import dev.paramscope.weights.CheckpointSummary;
import dev.paramscope.weights.TensorInfo;
import dev.paramscope.weights.WeightFormat;
import dev.paramscope.weights.WeightFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads safetensors headers, never tensor data: one {@code .safetensors} file, a sharded
 * checkpoint's {@code *.safetensors.index.json} (every shard's header, checked against the
 * weight_map both ways), or a directory (its {@code model.safetensors.index.json} when
 * present, else every {@code .safetensors} file in name order).
 *
 * <p>The summary's version is 0 (the format has none); kv_count is the number of the first
 * file's {@code __metadata__} entries; metadata is the first file's {@code __metadata__},
 * followed for an index by its own metadata entries under {@code "index."} (e.g.
 * {@code index.total_size}).
 */
public final class SafetensorsReader {
  static final String INDEX_NAME = "model.safetensors.index.json";

  private SafetensorsReader() {}

  /**
   * Reads a file, an index or a directory.
   *
   * @throws WeightFormatException if a header or the index breaks the format
   * @throws BadInputException if the path or a shard is missing
   */
  public static CheckpointSummary read(Path path) throws IOException {
    if (Files.isDirectory(path)) {
      return readDirectory(path);
    }
    if (path.getFileName().toString().endsWith(".index.json")) {
      return readIndex(path);
    }
    return summary(List.of(readFile(path)), Map.of(), true);
  }

  /** Reads one safetensors header from any byte source. */
  public static CheckpointSummary read(ByteSource source) throws IOException {
    return summary(List.of(SafetensorsHeaderParser.parse(source)), Map.of(), true);
  }

  private static SafetensorsFile readFile(Path path) throws IOException {
    try (ByteSource source = ByteSource.ofFile(path)) {
      return SafetensorsHeaderParser.parse(source);
    }
  }

  /** The directory's {@code .safetensors} files (any case), sorted. */
  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".safetensors"))
          .filter(Files::isRegularFile).sorted().toList();
    }
  }

  private static CheckpointSummary readDirectory(Path dir) throws IOException {
    Path index = dir.resolve(INDEX_NAME);
    if (Files.isRegularFile(index)) {
      return readIndex(index);
    }
    List<Path> shards = list(dir);
    if (shards.isEmpty()) {
      throw new BadInputException(dir.toString(), "no .safetensors files in the directory");
    }
    List<SafetensorsFile> files = new ArrayList<>();
    for (Path shard : shards) {
      files.add(readFile(shard));
    }
    return summary(files, Map.of(), false);
  }

  private static CheckpointSummary readIndex(Path indexPath) throws IOException {
    SafetensorsIndex index = SafetensorsIndex.read(indexPath);
    if (index.weightMap().isEmpty()) {
      throw new WeightFormatException(indexPath.toString(), "weight_map", -1, "is empty");
    }
    Map<String, String> weightMap = index.weightMap();
    Path folder = indexPath.getParent();
    List<SafetensorsFile> files = new ArrayList<>();
    int matched = 0;
    for (String shardName : index.shards()) {
      SafetensorsFile shard = readFile(folder == null ? Path.of(shardName) : folder.resolve(shardName));
      for (TensorInfo tensor : shard.tensors()) {
        String mapped = weightMap.get(tensor.name());
        if (!shardName.equals(mapped)) {
          throw new WeightFormatException(indexPath.toString(), "weight_map." + tensor.name(), -1,
              "tensor is in " + shardName + " but the weight_map says "
              + (mapped == null ? "nothing" : mapped));
        }
        matched++;
      }
      files.add(shard);
    }
    // Each match above is a different weight_map entry: names are unique within a header, and
    // a name in a second shard fails the check against its entry's shard. So a count short of
    // the map's size means some entry names a tensor that is not in its shard.
    if (matched != weightMap.size()) {
      Set<String> found = new HashSet<>();
      for (SafetensorsFile file : files) {
        for (TensorInfo tensor : file.tensors()) {
          found.add(tensor.name());
        }
      }
      for (Map.Entry<String, String> entry : weightMap.entrySet()) {
        if (!found.contains(entry.getKey())) {
          throw new WeightFormatException(indexPath.toString(), "weight_map." + entry.getKey(), -1,
              "tensor is not in " + entry.getValue());
        }
      }
    }
    Map<String, Object> extra = new LinkedHashMap<>();
    for (Map.Entry<String, Object> entry : index.metadata().entrySet()) {
      extra.put("index." + entry.getKey(), entry.getValue());
    }
    // The weight_map check above has already proved every name unique across shards.
    return summary(files, extra, true);
  }

  /** {@code namesUnique}: no tensor name can be in two files (one file, or checked against an index). */
  private static CheckpointSummary summary(List<SafetensorsFile> files,
      Map<String, Object> indexMetadata, boolean namesUnique) {
    int count = 0;
    for (SafetensorsFile file : files) {
      count += file.tensors().size();
    }
    List<TensorInfo> tensors = new ArrayList<>(count);
    List<CheckpointFile> checkpointFiles = new ArrayList<>(files.size());
    Set<String> names = namesUnique ? null : new HashSet<>();
    for (SafetensorsFile file : files) {
      if (namesUnique) {
        tensors.addAll(file.tensors());
      } else {
        for (TensorInfo tensor : file.tensors()) {
          if (!names.add(tensor.name())) {
            throw new WeightFormatException(file.file().path(), "tensors[" + tensor.name() + "]",
                -1, "tensor also appears in an earlier shard");
          }
          tensors.add(tensor);
        }
      }
      checkpointFiles.add(file.file());
    }
    Map<String, Object> metadata = new LinkedHashMap<>(files.get(0).metadata());
    metadata.putAll(indexMetadata);
    return new CheckpointSummary(WeightFormat.SAFETENSORS, 0, files.get(0).metadata().size(),
        metadata, tensors, checkpointFiles);
  }
}
