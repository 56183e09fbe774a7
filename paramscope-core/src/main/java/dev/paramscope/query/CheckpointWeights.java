package dev.paramscope.query;

import dev.paramscope.BadInputException;
import dev.paramscope.config.ConfigReader;
import dev.paramscope.memory.WeightDtype;
import dev.paramscope.model.ModelArchitecture;
import dev.paramscope.precision.StorageType;
import dev.paramscope.report.Entry;
import dev.paramscope.report.Value;
import dev.paramscope.weights.CheckpointSummary;
import dev.paramscope.weights.TypeTotals;
import dev.paramscope.weights.WeightFormat;
import dev.paramscope.weights.reconcile.GgufConfig;
import dev.paramscope.weights.reconcile.Reconciler;
import dev.paramscope.weights.reconcile.TensorRole;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The weights a local checkpoint stores, read header-only as {@code inspect} reads them, so that
 * {@code size}, {@code memory}, {@code fit} and {@code speed} take the real mix instead of a
 * precision guessed from config.json. A checkpoint is found when SOURCE is a GGUF or safetensors
 * file (or index), a directory holding one (a Hugging Face cache snapshot too), or a config.json
 * with one beside it. A directory with several unrelated GGUF files names none. Weights found
 * beside a config that cannot be read (a shard not downloaded, a broken header) are reported as
 * {@link #problem()} and the estimate falls back to the config; a checkpoint file named as SOURCE
 * must read.
 */
final class CheckpointWeights {
  private final String fileLabel;
  private final CheckpointSummary summary;
  private final String problem;

  private CheckpointWeights(String fileLabel, CheckpointSummary summary, String problem) {
    this.fileLabel = fileLabel;
    this.summary = summary;
    this.problem = problem;
  }

  /** The checkpoint behind a locally resolved model, or empty (a catalog id, a remote config, no weights). */
  static Optional<CheckpointWeights> of(ResolvedModel model) {
    if (model.id() != null || model.architecture().isEmpty()) {
      return Optional.empty();
    }
    Optional<Path> location = location(model.source());
    if (location.isEmpty()) {
      return Optional.empty();
    }
    try {
      CheckpointSummary summary = read(location.get());
      return Optional.of(new CheckpointWeights(label(summary), summary, null));
    } catch (BadInputException e) {
      if (isCheckpointFile(Path.of(model.source()))) {
        throw e;
      }
      return Optional.of(new CheckpointWeights(location.get().toString(), null, e.getMessage()));
    }
  }

  /** Why the weights beside the config could not be read, or null when they were. */
  String problem() {
    return problem;
  }

  /** Where the weights of SOURCE are, when it is a local path that has some. */
  static Optional<Path> location(String source) {
    Path path;
    try {
      path = Path.of(source);
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
    if (Files.isRegularFile(path)) {
      if (isCheckpointFile(path)) {
        return Optional.of(path);
      }
      path = path.toAbsolutePath().getParent();
    }
    return path != null && Files.isDirectory(path) && holdsWeights(path) ? Optional.of(path) : Optional.empty();
  }

  /**
   * The architecture of a checkpoint file or directory: the config.json beside it (in it), else
   * (GGUF) its metadata.
   *
   * @throws BadInputException when neither gives one
   */
  static ModelArchitecture architecture(Path checkpoint, String assumeFamily) {
    Path dir = Files.isDirectory(checkpoint) ? checkpoint : checkpoint.toAbsolutePath().getParent();
    if (dir != null && Files.isRegularFile(dir.resolve("config.json"))) {
      return ConfigReader.read(dir, assumeFamily);
    }
    CheckpointSummary summary = read(checkpoint);
    if (summary.format() == WeightFormat.GGUF) {
      var config = GgufConfig.from(summary);
      if (config.isPresent()) {
        return ConfigReader.fromJson(config.get(), checkpoint + " (GGUF metadata)", assumeFamily);
      }
      throw new BadInputException(checkpoint.toString(), "no config.json beside it, and its GGUF architecture '"
          + summary.architecture() + "' has no mapping to a config (llama, mistral, qwen2, qwen3 have one)");
    }
    throw new BadInputException(checkpoint.toString(), "no config.json beside it to give the architecture");
  }

  /** The file read, or the first of several with their number. */
  String fileLabel() {
    return fileLabel;
  }

  long bytes() {
    return summary.dataBytes();
  }

  long params() {
    return summary.totalParams();
  }

  /** The stored types by share of the bytes, largest first: {@code Q4_K 79.5%, Q6_K 20.4%, F32 0.1%}. */
  String types() {
    List<Map.Entry<String, TypeTotals>> types = new ArrayList<>(summary.byType().entrySet());
    types.sort(Comparator.comparingLong((Map.Entry<String, TypeTotals> e) -> e.getValue().bytes()).reversed()
        .thenComparing(Map.Entry::getKey));
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, TypeTotals> e : types.subList(0, Math.min(5, types.size()))) {
      parts.add(String.format(Locale.ROOT, "%s %.1f%%", e.getKey(),
          bytes() == 0 ? 0.0 : 100.0 * e.getValue().bytes() / bytes()));
    }
    return String.join(", ", parts) + (types.size() > 5 ? ", …" : "");
  }

  /** The weights as a dtype: the stored bytes, labelled {@code checkpoint}. */
  WeightDtype dtype() {
    return WeightDtype.stored("checkpoint", base(), bytes());
  }

  /** The type most bytes are in, as the storage type compute follows: FP32, FP8, INT8, else 16-bit. */
  private StorageType base() {
    String top = summary.byType().entrySet().stream()
        .max(Comparator.comparingLong(e -> e.getValue().bytes())).map(Map.Entry::getKey).orElse("BF16");
    return switch (top) {
      case "F32" -> StorageType.FP32;
      case "F8_E4M3", "F8_E5M2" -> StorageType.FP8;
      case "I8" -> StorageType.INT8;
      default -> StorageType.FP16_BF16;
    };
  }

  /** What each role stores: tensors, elements, bytes and bits per element, in role order. */
  Entry.Table roles(ModelArchitecture arch) {
    List<List<Value>> rows = new ArrayList<>();
    for (Map.Entry<TensorRole, TypeTotals> e : Reconciler.storedByRole(summary, arch).entrySet()) {
      TypeTotals t = e.getValue();
      rows.add(List.of(new Value.Term(e.getKey().jsonKey()), new Value.Int(t.tensors()), new Value.Count(t.params()),
          new Value.Bytes(t.bytes()),
          new Value.Decimal(t.params() == 0 ? Double.NaN : t.bytes() * 8.0 / t.params(), "%.3f")));
    }
    return new Entry.Table("checkpoint_roles", List.of("part", "tensors", "params", "bytes", "bits_per_param"), rows);
  }

  private static CheckpointSummary read(Path location) {
    try {
      return CheckpointReader.read(location);
    } catch (IOException e) {
      throw new BadInputException(location.toString(), "cannot read the checkpoint: " + e.getMessage(), e);
    }
  }

  private static String label(CheckpointSummary summary) {
    String first = Path.of(summary.files().get(0).path()).getFileName().toString();
    int n = summary.files().size();
    return n == 1 ? first : first + " (+" + (n - 1) + (n == 2 ? " more file)" : " more files)");
  }

  private static boolean isCheckpointFile(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".gguf") || name.endsWith(".safetensors") || name.endsWith(".safetensors.index.json");
  }

  /** Safetensors shards or an index, or GGUF files that are one model (one file or one split set). */
  private static boolean holdsWeights(Path dir) {
    int gguf = 0;
    boolean split = false;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!Files.isRegularFile(f)) {
          continue;
        }
        if (name.endsWith(".safetensors") || name.endsWith(".safetensors.index.json")) {
          return true;
        }
        if (name.endsWith(".gguf")) {
          gguf++;
          split |= name.matches(".*-00001-of-\\d{5}\\.gguf");
        }
      }
    } catch (IOException e) {
      throw new BadInputException(dir.toString(), "cannot list the directory: " + e.getMessage(), e);
    }
    return gguf == 1 || split;
  }
}
