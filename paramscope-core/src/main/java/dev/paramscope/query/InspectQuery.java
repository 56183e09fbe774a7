package dev.paramscope.query;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paramscope.BadInputException;
import dev.paramscope.config.ConfigReader;
import dev.paramscope.count.ParameterCount;
import dev.paramscope.count.ParameterCounter;
import dev.paramscope.model.ModelArchitecture;
import dev.paramscope.report.Entry;
import dev.paramscope.report.Message;
import dev.paramscope.report.Report;
import dev.paramscope.report.Value;
import dev.paramscope.weights.CheckpointFile;
import dev.paramscope.weights.CheckpointSummary;
import dev.paramscope.weights.TensorInfo;
import dev.paramscope.weights.TypeTotals;
import dev.paramscope.weights.WeightFormat;
import dev.paramscope.weights.reconcile.GgufConfig;
import dev.paramscope.weights.reconcile.Reconciler;
import dev.paramscope.weights.reconcile.Reconciliation;
import dev.paramscope.weights.hub.HfCache;
import dev.paramscope.weights.hub.RemoteCheckpoint;
import dev.paramscope.weights.hub.RemoteOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.stream.Collectors;

/**
 * {@code paramscope inspect}: what a checkpoint's headers say, and how its tensors reconcile with
 * the exact count of its architecture.
 *
 * <p>JSON keys: {@code source}, {@code format}, {@code version}, {@code tensor_count},
 * {@code kv_count}, {@code total_params}, {@code data_bytes}, {@code file_bytes},
 * {@code architecture}, {@code by_type} ({@code TYPE: {tensors, params, bytes, bits_per_param}}),
 * {@code metadata}, {@code files}, {@code reconciliation} ({@code architecture_source,
 * expected_total, stored_total, unexplained, reconciled, parts: [{part, expected, stored,
 * difference, explanation}]}, null when no architecture is known) and, with {@code --tensors},
 * {@code tensors}.
 */
public final class InspectQuery {
  private InspectQuery() {}

  /** Inspects a checkpoint read from {@code location}; a {@code config.json} beside it gives the architecture. */
  public static Report report(String source, CheckpointSummary summary, Path location, boolean withTensors) {
    return report(source, summary, location, withTensors, null);
  }

  /** As {@link #report(String, CheckpointSummary, Path, boolean)}, with a config fetched from elsewhere (a remote repo). */
  static Report report(String source, CheckpointSummary summary, Path location, boolean withTensors,
      ModelArchitecture remoteConfig) {
    // One pass over the tensors (a sharded checkpoint has 1,000+, read by a cold JVM).
    SortedMap<String, TypeTotals> types = summary.byType();
    TypeTotals all = TypeTotals.sum(types.values());
    Report.Builder b = Report.builder(Message.of("title.inspect", source))
        .text("source", source)
        .term("format", summary.format() == WeightFormat.GGUF ? "gguf" : "safetensors")
        .field("version", new Value.Int(summary.version()))
        .field("tensor_count", new Value.Int(summary.tensorCount()))
        .field("kv_count", new Value.Int(summary.kvCount()))
        .count("total_params", all.params())
        .bytes("data_bytes", all.bytes())
        .bytes("file_bytes", summary.fileBytes())
        .text("architecture", summary.architecture());
    b.entry(byType(types));
    b.entry(new Entry.Group("metadata", metadata(summary.metadata())));
    b.entry(files(summary.files()));
    Optional<Reconciliation> reconciliation;
    String skipped = null;
    try {
      reconciliation = remoteConfig != null
          ? Optional.of(Reconciler.reconcile(remoteConfig, ParameterCounter.count(remoteConfig), summary,
              "config.json of " + source, 4))
          : reconcile(summary, location);
    } catch (ArchitectureUnknown e) {
      reconciliation = Optional.empty();
      skipped = e.getMessage();
    }
    if (skipped != null) {
      // The header facts above stand without an architecture; only the reconciliation needs one.
      b.field("reconciliation", new Value.Missing()).note("note.inspect.reconciliation_skipped", skipped);
    } else if (reconciliation.isPresent()) {
      Reconciliation r = reconciliation.get();
      b.entry(new Entry.Group("reconciliation", List.of(
          new Entry.Field("architecture_source", new Value.Text(r.architectureSource())),
          new Entry.Field("expected_total", new Value.Count(r.expectedTotal())),
          new Entry.Field("stored_total", new Value.Count(r.storedTotal())),
          new Entry.Field("unexplained", new Value.Count(r.unexplained())),
          new Entry.Field("reconciled", new Value.Flag(r.reconciled())),
          parts(r))));
      b.note(r.reconciled() ? "note.inspect.reconciled" : "note.inspect.unexplained",
          r.architectureSource());
    } else {
      b.field("reconciliation", new Value.Missing()).note("note.inspect.no_architecture");
    }
    if (withTensors) {
      b.entry(tensors(summary.tensors()));
    }
    return b.build();
  }

  private static Entry.Table byType(SortedMap<String, TypeTotals> byType) {
    List<List<Value>> rows = new ArrayList<>();
    for (Map.Entry<String, TypeTotals> e : byType.entrySet()) {
      TypeTotals t = e.getValue();
      rows.add(List.of(new Value.Text(e.getKey()), new Value.Int(t.tensors()), new Value.Count(t.params()),
          new Value.Bytes(t.bytes()),
          new Value.Decimal(t.params() == 0 ? Double.NaN : t.bytes() * 8.0 / t.params(), Value.Decimal.EXACT)));
    }
    return Entry.Table.keyed("by_type", List.of("type", "tensors", "params", "bytes", "bits_per_param"), rows);
  }

  private static List<Entry> metadata(Map<String, Object> metadata) {
    List<Entry> fields = new ArrayList<>();
    for (Map.Entry<String, Object> e : metadata.entrySet()) {
      fields.add(new Entry.Field(safeKey(e.getKey()), MetadataValues.of(e.getValue())));
    }
    return fields;
  }

  /** Metadata keys are data; characters a report key cannot hold become '_'. */
  private static String safeKey(String key) {
    if (key.isEmpty()) {
      return "_";
    }
    char[] chars = key.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      if (!Entry.isKeyChar(chars[i])) {
        chars[i] = '_';
      }
    }
    return new String(chars);
  }

  private static Entry.Table files(List<CheckpointFile> files) {
    List<List<Value>> rows = new ArrayList<>();
    for (CheckpointFile f : files) {
      String shortName = f.path().substring(Math.max(f.path().lastIndexOf('/'), f.path().lastIndexOf('\\')) + 1);
      rows.add(List.of(new Value.Labelled(f.path(), shortName), new Value.Bytes(f.fileBytes()), new Value.Int(f.dataOffset()),
          new Value.Int(f.tensorCount())));
    }
    return new Entry.Table("files", List.of("path", "file_bytes", "data_offset", "tensor_count"), rows);
  }

  private static Entry.Table parts(Reconciliation r) {
    List<List<Value>> rows = new ArrayList<>();
    for (Reconciliation.Row row : r.rows()) {
      rows.add(List.of(new Value.Term(row.part()), new Value.Count(row.expected()), new Value.Count(row.stored()),
          new Value.Count(row.difference()), new Value.Term(row.explanation())));
    }
    return new Entry.Table("parts", List.of("part", "expected", "stored", "difference", "explanation"), rows);
  }

  private static Entry.Table tensors(List<TensorInfo> tensors) {
    List<List<Value>> rows = new ArrayList<>();
    for (TensorInfo t : tensors) {
      String shape = t.shape().stream().map(String::valueOf).collect(Collectors.joining("×"));
      rows.add(List.of(new Value.Text(t.name()), new Value.Text(t.type()), new Value.Text(shape),
          new Value.Count(t.params()), new Value.Bytes(t.bytes()), new Value.Int(t.offset())));
    }
    return new Entry.Table("tensors", List.of("name", "type", "shape", "params", "bytes", "offset"), rows,
        List.of("name", "type", "shape", "params", "bytes"));
  }

  /** Reconciles with {@code config.json} beside the weights, else with the GGUF metadata. */
  static Optional<Reconciliation> reconcile(CheckpointSummary summary, Path location) {
    Path dir = location == null ? null : Files.isDirectory(location) ? location : location.toAbsolutePath().getParent();
    Path config = dir == null ? null : dir.resolve("config.json");
    ModelArchitecture arch;
    String from;
    int bits = 4;
    if (config != null && Files.isRegularFile(config)) {
      // Read and parsed once, for the architecture and the quantization width.
      com.fasterxml.jackson.databind.JsonNode root = ConfigReader.readTree(config);
      from = config.toString();
      try {
        arch = ConfigReader.fromJson(root, from, null);
      } catch (BadInputException e) {
        String why = e.getMessage();
        int list = why.indexOf("; supported:");
        throw new ArchitectureUnknown(list < 0 ? why : why.substring(0, list));
      }
      bits = quantizationBits(root);
    } else if (summary.format() == WeightFormat.GGUF) {
      Optional<ObjectNode> rebuilt = GgufConfig.from(summary);
      if (rebuilt.isEmpty()) {
        return Optional.empty();
      }
      arch = ConfigReader.fromJson(rebuilt.get(), "GGUF metadata (" + summary.architecture() + ")", null);
      from = "GGUF metadata (" + summary.architecture() + ".*)";
    } else {
      return Optional.empty();
    }
    ParameterCount count = ParameterCounter.count(arch);
    return Optional.of(Reconciler.reconcile(arch, count, summary, from, bits));
  }

  /** The config beside the weights names no architecture we can count (an unknown model_type, bad sizes). */
  private static final class ArchitectureUnknown extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ArchitectureUnknown(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * {@code quantization_config.bits} of a GPTQ/AWQ config (the width of the values packed into
   * int32 {@code qweight} tensors), 4 when the config does not say.
   */
  static int quantizationBits(com.fasterxml.jackson.databind.JsonNode config) {
    com.fasterxml.jackson.databind.JsonNode bits = config.path("quantization_config").path("bits");
    return bits.canConvertToInt() && bits.asInt() > 0 && bits.asInt() <= 32 ? bits.asInt() : 4;
  }

  /**
   * Resolves and inspects SOURCE: a local file or directory, a repo in the Hugging Face cache
   * ({@code org/name[@revision]}), or a remote repo ({@code hf://org/name[@revision]}).
   *
   * @param env the environment ({@code HF_HUB_CACHE}, {@code HF_HOME}, {@code HF_ENDPOINT}, {@code HF_TOKEN})
   */
  public static Report inspect(String source, boolean withTensors, Map<String, String> env) throws IOException {
    return inspect(source, withTensors, env, RemoteOptions.DEFAULT, RemoteCheckpoint.Progress.NONE);
  }

  /**
   * As {@link #inspect(String, boolean, Map)}, remote reads behaving as {@code remote} says and
   * telling {@code progress} about each file read. A remote inspect adds {@code requests},
   * {@code http_exchanges}, {@code bytes_fetched} and {@code seconds}.
   */
  public static Report inspect(String source, boolean withTensors, Map<String, String> env,
      RemoteOptions remote, RemoteCheckpoint.Progress progress) throws IOException {
    if (source.startsWith("hf://")) {
      RemoteCheckpoint checkpoint = RemoteCheckpoint.open(source, env, remote, progress, 500);
      RemoteCheckpoint.Stats stats = checkpoint.stats();
      Report report = report(source, checkpoint.summary(), null, withTensors, checkpoint.config());
      List<Entry> entries = new ArrayList<>(report.entries());
      entries.addAll(1, List.of(
          new Entry.Field("requests", new Value.Int(stats.requests())),
          new Entry.Field("http_exchanges", new Value.Int(stats.exchanges())),
          new Entry.Field("bytes_fetched", new Value.Bytes(stats.bytesFetched())),
          new Entry.Field("seconds", new Value.Decimal(stats.seconds(), "%.2f"))));
      return new Report(report.title(), entries, report.notes());
    }
    Path path = existing(source);
    if (path != null) {
      return report(source, CheckpointReader.read(path), path, withTensors);
    }
    if (HfCache.looksLikeRepoId(source)) {
      Optional<Path> snapshot = HfCache.fromEnvironment(env).snapshot(source);
      if (snapshot.isPresent()) {
        return report(source, CheckpointReader.read(snapshot.get()), snapshot.get(), withTensors);
      }
      throw new BadInputException(source, "not a local path, and not in the Hugging Face cache at "
          + HfCache.fromEnvironment(env).root() + " (use hf://" + source + " to read it remotely)");
    }
    throw new BadInputException(source, "no such file or directory");
  }

  private static Path existing(String source) {
    try {
      Path path = Path.of(source);
      return Files.exists(path) ? path : null;
    } catch (java.nio.file.InvalidPathException e) {
      return null;
    }
  }
}
