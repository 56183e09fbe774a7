package dev.paramscope.weights.hub;

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
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A checkpoint on the Hugging Face hub, read header-only: {@code hf://org/name[@revision][/file]}.
 * The file listing, {@code model.safetensors.index.json} and {@code config.json} are fetched at
 * once; then the header of every weight file is read through HTTP Range requests, up to
 * {@link RemoteOptions#connections()} at a time, in one request per file when the index lets us
 * size the first read. The hub's redirects of the shards the listing names are asked for while
 * the index comes and is parsed, since they need no size. {@code HF_ENDPOINT} (default
 * {@code https://huggingface.co}) and {@code HF_TOKEN} are honoured; the token goes only to
 * {@code HF_ENDPOINT}'s origin.
 */
public final class RemoteCheckpoint {
  private static final Pattern SPLIT_GGUF = Pattern.compile(".*-00001-of-(\\d{5})\\.gguf");
  private static final String INDEX = "model.safetensors.index.json";
  /**
   * A shard of a sharded safetensors checkpoint: transformers writes {@code model-00001-of-00004},
   * DeepSeek's own {@code model-00001-of-000163}.
   */
  private static final Pattern SHARD = Pattern.compile("[^/]+-\\d{1,6}-of-\\d{1,6}\\.safetensors");

  /** Told about each weight file as its header is read; called from one thread at a time. */
  public interface Progress {
    /** Tells nothing to anyone (a class, not a lambda: see {@code GgufHeaderParser#BY_OFFSET}). */
    Progress NONE = new Progress() {
      @Override
      public void fileRead(int done, int total, String file, long bytesFetched) { }
    };

    void fileRead(int done, int total, String file, long bytesFetched);
  }

  /**
   * What the read cost: {@code requests} (one per file fetch or Range read, its redirects and
   * retries included), {@code exchanges} (HTTP request/response pairs, redirects and retries each
   * counted), body bytes received, and wall seconds.
   */
  public record Stats(long requests, long exchanges, long bytesFetched, double seconds) {}

  private final CheckpointSummary summary;
  private final ModelArchitecture config;
  private final Stats stats;

  private RemoteCheckpoint(CheckpointSummary summary, ModelArchitecture config, Stats stats) {
    this.summary = summary;
    this.config = config;
    this.stats = stats;
  }

  public CheckpointSummary summary() {
    return summary;
  }

  /** The repo's config.json read as an architecture, or null when it has none we can read. */
  public ModelArchitecture config() {
    return config;
  }

  public Stats stats() {
    return stats;
  }

  /**
   * Starts setting up TLS on a background thread: the JDK's default SSLContext, which reads and
   * parses the trust store (~90 ms on the bench machine), is then ready, or nearly, when the first
   * request needs it. A command line naming an {@code hf://} source calls this before parsing it.
   */
  public static void prepareTls() {
    Thread thread = new Thread(() -> {
      try {
        javax.net.ssl.SSLContext.getDefault();
      } catch (java.security.NoSuchAlgorithmException e) {
        // the request that needs TLS reports it
      }
    }, "paramscope-tls-setup");
    thread.setDaemon(true);
    thread.start();
  }

  public static RemoteCheckpoint open(String source, Map<String, String> env) throws IOException {
    return open(source, env, RemoteOptions.DEFAULT, Progress.NONE, 500);
  }

  /**
   * @param backoffMillis the first retry's wait (doubling each time); tests pass a small one
   */
  public static RemoteCheckpoint open(String source, Map<String, String> env, RemoteOptions options,
      Progress progress, long backoffMillis) throws IOException {
    long start = System.nanoTime();
    HubSource hf = HubSource.parse(source);
    String endpoint = env.getOrDefault("HF_ENDPOINT", "https://huggingface.co").replaceAll("/+$", "");
    HubHttp http = new HubHttp(endpointUri(endpoint), env.get("HF_TOKEN"), options, backoffMillis);
    HubRepo hub = new HubRepo(http, endpoint, hf);
    ExecutorService pool = Executors.newFixedThreadPool(options.connections(), r -> {
      Thread t = new Thread(r, "paramscope-hub");
      t.setDaemon(true);
      return t;
    });
    try {
      CompletableFuture<List<String>> listing = async(pool, hub::files);
      CompletableFuture<Optional<byte[]>> index = hf.file() != null
          ? CompletableFuture.completedFuture(Optional.empty()) : async(pool, () -> hub.smallIfPresent(INDEX));
      CompletableFuture<Optional<byte[]>> configJson = async(pool, () -> hub.smallIfPresent("config.json"));
      List<String> siblings = join(listing);
      Map<String, CompletableFuture<HubHttp.Hop>> started = hf.file() == null && siblings.contains(INDEX)
          ? startShards(pool, http, hub, siblings) : Map.of();
      ModelArchitecture config = siblings.contains("config.json") ? config(join(configJson), hf) : null;
      HeaderEstimate estimate = new HeaderEstimate();
      List<String> weights = hf.file() != null ? List.of(hf.file())
          : weightFiles(siblings, siblings.contains(INDEX) ? join(index) : Optional.empty(), estimate, source);
      CheckpointSummary summary = readHeaders(pool, http, hub, hf, weights, started, estimate, progress);
      Stats stats = new Stats(http.requests.get(), http.exchanges.get(), http.bytesFetched.get(),
          (System.nanoTime() - start) / 1e9);
      http.close();
      return new RemoteCheckpoint(summary, config, stats);
    } finally {
      pool.shutdownNow();
    }
  }

  static URI endpointUri(String endpoint) {
    try {
      URI uri = URI.create(endpoint);
      if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
        throw new IllegalArgumentException("not http(s)");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new BadInputException("HF_ENDPOINT", "'" + endpoint + "' is not an http:// or https:// URL");
    }
  }

  private static ModelArchitecture config(Optional<byte[]> json, HubSource hf) {
    if (json.isEmpty()) {
      return null;
    }
    try {
      return ConfigReader.parse(new String(json.get(), StandardCharsets.UTF_8), "hf://" + hf.repo() + "/config.json", null);
    } catch (BadInputException unknownOrBad) {
      return null;
    }
  }

  /**
   * Starts the first request of each shard the listing names, up to its redirect (in name order,
   * the order they are read in). Those the index turns out not to name are left unread.
   */
  private static Map<String, CompletableFuture<HubHttp.Hop>> startShards(ExecutorService pool, HubHttp http,
      HubRepo hub, List<String> siblings) {
    Map<String, CompletableFuture<HubHttp.Hop>> started = new HashMap<>();
    for (String name : siblings.stream().filter(f -> SHARD.matcher(f).matches()).sorted().toList()) {
      URI uri = hub.resolve(name);
      started.put(name, async(pool, () -> http.firstHop(uri, 0, HttpByteSource.FIRST_WINDOW - 1, HttpByteSource.FIRST_WINDOW)));
    }
    return started;
  }

  /**
   * Reads every header, {@code connections} at a time; the first failure cancels the rest. A
   * shard in {@code started} goes on from its first request's hop (those were all submitted to
   * the pool before these reads, so a read never waits for one that has not begun).
   */
  private static CheckpointSummary readHeaders(ExecutorService pool, HubHttp http, HubRepo hub, HubSource hf,
      List<String> weights, Map<String, CompletableFuture<HubHttp.Hop>> started, HeaderEstimate estimate,
      Progress progress) throws IOException {
    int[] done = {0};
    List<CompletableFuture<CheckpointSummary>> reads = new ArrayList<>();
    for (String name : weights) {
      reads.add(async(pool, () -> {
        CompletableFuture<HubHttp.Hop> hop = started.get(name);
        CheckpointSummary part = readHeader(http, hub, hf, name, hop == null ? null : join(hop), estimate);
        synchronized (done) {
          done[0]++;
          progress.fileRead(done[0], weights.size(), name, http.bytesFetched.get());
        }
        return part;
      }));
    }
    CompletableFuture<Void> all = new CompletableFuture<>();
    reads.forEach(r -> r.whenComplete((part, error) -> {
      if (error != null) {
        all.completeExceptionally(error);
      }
    }));
    CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenRun(() -> all.complete(null));
    join(all);
    List<CheckpointSummary> parts = new ArrayList<>();
    for (CompletableFuture<CheckpointSummary> read : reads) {
      parts.add(join(read));
    }
    return merge(parts);
  }

  private static CheckpointSummary readHeader(HubHttp http, HubRepo hub, HubSource hf, String name,
      HubHttp.Hop started, HeaderEstimate estimate) throws IOException {
    boolean gguf = name.toLowerCase(Locale.ROOT).endsWith(".gguf");
    int firstRead = gguf ? HttpByteSource.FIRST_WINDOW : estimate.firstRead(name, HttpByteSource.FIRST_WINDOW);
    try (ByteSource bytes = new HttpByteSource(http, hub.resolve(name), "hf://" + hf.repo() + "/" + name, firstRead, gguf,
        started)) {
      CheckpointSummary part = gguf ? GgufReader.read(bytes) : SafetensorsReader.read(bytes);
      if (!gguf) {
        estimate.observe(name, part.files().get(0).dataOffset());
      }
      return part;
    }
  }

  private static List<String> weightFiles(List<String> siblings, Optional<byte[]> indexJson, HeaderEstimate estimate,
      String source) {
    if (indexJson.isPresent()) {
      Set<String> listed = new HashSet<>(siblings);
      Set<String> shards = new LinkedHashSet<>();
      HubRepo.weightMap(indexJson.get(), source + " " + INDEX, (tensor, shard) -> {
        if (shards.add(shard) && (!HubSource.safePath(shard) || !listed.contains(shard))) {
          throw new BadInputException(source, "index names a shard the repo does not have: " + shard);
        }
        estimate.add(tensor, shard);
      });
      if (shards.isEmpty()) {
        throw new BadInputException(source, INDEX + " has an empty weight_map");
      }
      return shards.stream().sorted().toList();
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

  /** Work that may throw IOException, run on the pool. */
  private interface Fetch<T> {
    T get() throws IOException;
  }

  private static <T> CompletableFuture<T> async(ExecutorService pool, Fetch<T> fetch) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return fetch.get();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, pool);
  }

  /** The value, or the exception the work threw (unwrapped). */
  private static <T> T join(CompletableFuture<T> future) throws IOException {
    try {
      return future.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof UncheckedIOException u) {
        throw u.getCause();
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IOException(cause);
    }
  }
}
