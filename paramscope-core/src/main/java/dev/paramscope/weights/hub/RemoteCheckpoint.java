package dev.paramscope.weights.hub;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import dev.paramscope.json.JsonTrees;
import dev.paramscope.BadInputException;
import dev.paramscope.config.ConfigReader;
import dev.paramscope.model.ModelArchitecture;
import dev.paramscope.weights.ByteSource;
import dev.paramscope.weights.CheckpointFile;
import dev.paramscope.weights.CheckpointSummary;
import dev.paramscope.weights.TensorInfo;
import dev.paramscope.weights.gguf.GgufReader;
import dev.paramscope.weights.safetensors.SafetensorsReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A checkpoint on the Hugging Face hub, read header-only: {@code hf://org/name[@revision][/file]}.
 * Lists the repo's files through the hub API ({@code GET /api/models/{repo}/revision/{rev}},
 * field {@code siblings[].rfilename}), fetches {@code config.json}, and reads only the header bytes
 * of each weight file through HTTP Range requests ({@code /{repo}/resolve/{rev}/{file}}).
 * {@code HF_ENDPOINT} (default {@code https://huggingface.co}) and {@code HF_TOKEN} are honoured.
 */
public final class RemoteCheckpoint {
  private static final Pattern SOURCE = Pattern.compile(
      "hf://([A-Za-z0-9][A-Za-z0-9_.-]*/[A-Za-z0-9][A-Za-z0-9_.-]*)(?:@([A-Za-z0-9_.\\-]{1,128}))?(?:/(.+))?");
  private static final Pattern SPLIT_GGUF = Pattern.compile(".*-00001-of-(\\d{5})\\.gguf");
  static final int MAX_JSON_BYTES = 16 << 20;

  /** Told about each weight file as its header is read. */
  public interface Progress {
    /** Tells nothing to anyone (a class, not a lambda: see {@code GgufHeaderParser#BY_OFFSET}). */
    Progress NONE = new Progress() {
      @Override
      public void fileRead(int done, int total, String file) { }
    };

    void fileRead(int done, int total, String file);
  }

  private final CheckpointSummary summary;
  private final ModelArchitecture config;

  private RemoteCheckpoint(CheckpointSummary summary, ModelArchitecture config) {
    this.summary = summary;
    this.config = config;
  }

  public CheckpointSummary summary() {
    return summary;
  }

  /** The repo's config.json read as an architecture, or null when it has none we can read. */
  public ModelArchitecture config() {
    return config;
  }

  public static RemoteCheckpoint open(String source, Map<String, String> env) throws IOException {
    return open(source, env, (done, total, file) -> { }, 500);
  }

  /**
   * @param backoffMillis the first retry's wait (doubling each time); tests pass a small one
   */
  public static RemoteCheckpoint open(String source, Map<String, String> env, Progress progress, long backoffMillis)
      throws IOException {
    Matcher m = SOURCE.matcher(source);
    if (!m.matches()) {
      throw new BadInputException(source, "expected hf://org/name, hf://org/name@revision or hf://org/name/file");
    }
    String repo = m.group(1);
    String revision = m.group(2) == null ? "main" : m.group(2);
    String file = m.group(3);
    String endpoint = env.getOrDefault("HF_ENDPOINT", "https://huggingface.co").replaceAll("/+$", "");
    HubHttp http = new HubHttp(env.get("HF_TOKEN"), backoffMillis);
    Hub hub = new Hub(http, endpoint, repo, revision);
    List<String> siblings = hub.files();
    ModelArchitecture config = null;
    if (siblings.contains("config.json")) {
      String json = new String(hub.small("config.json"), StandardCharsets.UTF_8);
      try {
        config = ConfigReader.parse(json, "hf://" + repo + "/config.json", null);
      } catch (BadInputException unknownOrBad) {
        config = null;
      }
    }
    List<String> weights = file != null ? List.of(file) : weightFiles(hub, siblings, source);
    List<CheckpointSummary> parts = new ArrayList<>();
    for (int i = 0; i < weights.size(); i++) {
      String name = weights.get(i);
      try (ByteSource bytes = new HttpByteSource(http, hub.resolve(name), "hf://" + repo + "/" + name)) {
        parts.add(name.toLowerCase(Locale.ROOT).endsWith(".gguf") ? GgufReader.read(bytes) : SafetensorsReader.read(bytes));
      }
      progress.fileRead(i + 1, weights.size(), name);
    }
    return new RemoteCheckpoint(merge(parts), config);
  }

  private static List<String> weightFiles(Hub hub, List<String> siblings, String source) throws IOException {
    if (siblings.contains("model.safetensors.index.json")) {
      JsonNode index = Hub.json(hub.small("model.safetensors.index.json"), source);
      Set<String> shards = new LinkedHashSet<>();
      index.path("weight_map").forEach(n -> shards.add(n.asText()));
      for (String shard : shards) {
        if (shard.contains("..") || shard.startsWith("/") || !siblings.contains(shard)) {
          throw new BadInputException(source, "index names a shard the repo does not have: " + shard);
        }
      }
      if (shards.isEmpty()) {
        throw new BadInputException(source, "model.safetensors.index.json has an empty weight_map");
      }
      return List.copyOf(shards);
    }
    List<String> safetensors = siblings.stream().filter(f -> f.endsWith(".safetensors") && !f.contains("/")).sorted().toList();
    if (!safetensors.isEmpty()) {
      return safetensors;
    }
    List<String> gguf = siblings.stream().filter(f -> f.toLowerCase(Locale.ROOT).endsWith(".gguf")).sorted().toList();
    if (gguf.size() == 1) {
      return gguf;
    }
    for (String g : gguf) {
      Matcher split = SPLIT_GGUF.matcher(g);
      if (split.matches()) {
        String prefix = g.substring(0, g.length() - "00001-of-NNNNN.gguf".length());
        return gguf.stream().filter(f -> f.startsWith(prefix) && f.endsWith("-of-" + split.group(1) + ".gguf")).toList();
      }
    }
    if (gguf.isEmpty()) {
      throw new BadInputException(source, "the repo has no .safetensors or .gguf files");
    }
    throw new BadInputException(source, "the repo has " + gguf.size() + " GGUF files; name one, e.g. "
        + source.replaceAll("/+$", "") + "/" + gguf.get(0));
  }

  /** One summary for all parts: tensors and files of every part, metadata of the first. */
  static CheckpointSummary merge(List<CheckpointSummary> parts) {
    CheckpointSummary first = parts.get(0);
    if (parts.size() == 1) {
      return first;
    }
    List<TensorInfo> tensors = new ArrayList<>();
    List<CheckpointFile> files = new ArrayList<>();
    for (CheckpointSummary part : parts) {
      tensors.addAll(part.tensors());
      files.addAll(part.files());
    }
    return new CheckpointSummary(first.format(), first.version(), first.kvCount(), first.metadata(), tensors, files);
  }

  /** The hub's URLs for one repo at one revision. */
  private static final class Hub {
    private static final JsonFactory JSON = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build()).build();

    private final HubHttp http;
    private final String endpoint;
    private final String repo;
    private final String revision;

    Hub(HubHttp http, String endpoint, String repo, String revision) {
      this.http = http;
      this.endpoint = endpoint;
      this.repo = repo;
      this.revision = revision;
    }

    List<String> files() throws IOException {
      URI api = URI.create(endpoint + "/api/models/" + repo + "/revision/" + encode(revision));
      JsonNode info = json(read(api), api.toString());
      List<String> names = new ArrayList<>();
      info.path("siblings").forEach(s -> names.add(s.path("rfilename").asText()));
      return names;
    }

    URI resolve(String file) {
      StringBuilder path = new StringBuilder();
      for (String part : file.split("/")) {
        path.append('/').append(encode(part));
      }
      return URI.create(endpoint + "/" + repo + "/resolve/" + encode(revision) + path);
    }

    byte[] small(String file) throws IOException {
      return read(resolve(file));
    }

    private byte[] read(URI uri) throws IOException {
      try (InputStream body = http.get(uri, null).body()) {
        byte[] bytes = body.readNBytes(MAX_JSON_BYTES + 1);
        if (bytes.length > MAX_JSON_BYTES) {
          throw new BadInputException(uri.toString(), "more than " + MAX_JSON_BYTES + " bytes of JSON");
        }
        return bytes;
      }
    }

    static JsonNode json(byte[] bytes, String source) {
      try {
        JsonNode node = JsonTrees.read(JSON, bytes);
        if (node == null || !node.isObject()) {
          throw new BadInputException(source, "expected a JSON object");
        }
        return node;
      } catch (IOException e) {
        String message = e instanceof com.fasterxml.jackson.core.JsonProcessingException j
            ? j.getOriginalMessage() : e.getMessage();
        throw new BadInputException(source, "malformed JSON: " + message, e);
      }
    }

    private static String encode(String text) {
      return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
  }
}
