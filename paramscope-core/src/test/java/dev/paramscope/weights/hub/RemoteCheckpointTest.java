package dev.paramscope.weights.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paramscope.BadInputException;
import dev.paramscope.query.InspectQuery;
import dev.paramscope.report.JsonRenderer;
import dev.paramscope.testing.SharedTestData;
import dev.paramscope.weights.CheckpointSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** hf:// sources against a loopback hub that serves the shared files and misbehaves on demand. */
class RemoteCheckpointTest {
  private static final String TOKEN = "hf_secret_token_never_printed";
  /** tiny-llama-sharded: 12 shards; their headers with length prefixes sum to this (ls + header lengths). */
  private static final int SHARDS = 12;

  static FakeHub shardedHub() throws IOException {
    return new FakeHub("org/tiny-llama", SharedTestData.require("files/safetensors/tiny-llama-sharded"), shardedFiles());
  }

  /** The files of tiny-llama-sharded: 12 shards, the index and config.json. */
  private static List<String> shardedFiles() throws IOException {
    List<String> files = new ArrayList<>();
    try (Stream<Path> list = Files.list(SharedTestData.require("files/safetensors/tiny-llama-sharded"))) {
      list.map(p -> p.getFileName().toString()).sorted().forEach(files::add);
    }
    return files;
  }

  private static Map<String, String> env(FakeHub hub) {
    return Map.of("HF_ENDPOINT", hub.endpoint(), "HF_TOKEN", TOKEN);
  }

  private static RemoteCheckpoint open(FakeHub hub, RemoteOptions options) throws IOException {
    return RemoteCheckpoint.open("hf://org/tiny-llama", env(hub), options, RemoteCheckpoint.Progress.NONE, 1);
  }

  private static RemoteCheckpoint open(FakeHub hub) throws IOException {
    return open(hub, RemoteOptions.DEFAULT);
  }

  @Test
  void readsEveryShardHeaderOnceEachWithTheIndexAndConfig() throws IOException {
    try (FakeHub hub = shardedHub()) {
      List<String> progress = new ArrayList<>();
      RemoteCheckpoint remote = RemoteCheckpoint.open("hf://org/tiny-llama", env(hub), RemoteOptions.DEFAULT,
          (done, total, file, bytes) -> progress.add(done + "/" + total), 1);
      CheckpointSummary summary = remote.summary();
      assertThat(summary.tensorCount()).isEqualTo(21);
      assertThat(summary.totalParams()).isEqualTo(1_443_072L);
      assertThat(summary.files()).hasSize(SHARDS);
      assertThat(remote.config()).isNotNull();
      assertThat(progress).hasSize(SHARDS).last().isEqualTo("12/12");
      // listing + index + config + one Range read per shard; each resolve/ costs a redirect besides.
      assertThat(remote.stats().requests()).isEqualTo(3 + SHARDS);
      assertThat(remote.stats().exchanges()).isEqualTo(1 + 2 * (2 + SHARDS));
      // Headers here are ~200 bytes, so the first guess's allowance for a shard (~50 bytes, and the
      // 64 bytes of slack every guess has) shows.
      long headers = summary.files().stream().mapToLong(f -> f.dataOffset()).sum();
      assertThat(hub.bytesServed.get() - jsonBytes())
          .isBetween(headers, headers * 3 / 2 + (long) SHARDS * HeaderEstimate.SLACK_BYTES);
    }
  }

  @Test
  void theShardsRedirectsAreAskedForWhileTheIndexIsComing() throws IOException {
    try (FakeHub hub = shardedHub()) {
      hub.resolvesBeforeIndex = SHARDS; // the index's answer waits until every shard's resolve/ came
      RemoteCheckpoint remote = open(hub);
      assertThat(hub.indexWaitedFor).isTrue();
      assertThat(remote.summary().totalParams()).isEqualTo(1_443_072L);
      // One resolve/ per shard, begun early; its Range went where it pointed. (A header that outgrew
      // its first Range is read on from the same URL: a request, never a second resolve/.)
      assertThat(hub.headersSeen.stream().filter(h -> h.get(":path").get(0).contains("/resolve/main/model-")))
          .hasSize(SHARDS);
      assertThat(remote.stats().requests()).isBetween(3L + SHARDS, 3L + 2 * SHARDS);
    }
  }

  @Test
  void aListedShardTheIndexDoesNotNameIsResolvedButNeverRead() throws IOException {
    Path dir = SharedTestData.require("files/safetensors/tiny-llama-sharded");
    List<String> files = new ArrayList<>(shardedFiles());
    files.add("other-00001-of-00001.safetensors"); // listed, absent from the index (and from the folder)
    try (FakeHub hub = new FakeHub("org/tiny-llama", dir, files)) {
      RemoteCheckpoint remote = open(hub);
      assertThat(remote.summary().files()).hasSize(SHARDS);
      assertThat(remote.stats().requests()).isBetween(3L + SHARDS, 4L + SHARDS);
      assertThat(hub.headersSeen.stream().map(h -> h.get(":path").get(0)))
          .noneMatch(path -> path.startsWith("/cdn/other-"));
    }
  }

  @Test
  void aMirrorThatAnswersResolveItselfIsReadInOneExchangePerShard() throws IOException {
    try (FakeHub hub = shardedHub()) {
      hub.direct = true;
      RemoteCheckpoint remote = open(hub);
      assertThat(remote.summary().totalParams()).isEqualTo(1_443_072L);
      assertThat(remote.summary().files()).hasSize(SHARDS);
      // The first Range (64 KiB, sent before the index sizes it) holds each ~200-byte header.
      assertThat(remote.stats().requests()).isEqualTo(3 + SHARDS);
      assertThat(remote.stats().exchanges()).isEqualTo(3 + SHARDS);
    }
  }

  private static long jsonBytes() throws IOException {
    Path dir = SharedTestData.require("files/safetensors/tiny-llama-sharded");
    return Files.size(dir.resolve("config.json")) + Files.size(dir.resolve("model.safetensors.index.json"));
  }

  @Test
  void theTokenGoesToTheEndpointsOriginOnlyNeverToTheCdnItRedirectsTo() throws IOException {
    Path dir = SharedTestData.require("files/safetensors/tiny-llama-sharded");
    try (FakeHub hub = shardedHub(); FakeHub cdn = new FakeHub("cdn/none", dir, List.of())) {
      hub.cdn = cdn;
      assertThat(open(hub).summary().totalParams()).isEqualTo(1_443_072L);
      // Index, config and each shard came from the CDN. A shard whose header outgrew the first Range
      // (sized from the shards read so far, so it depends on which finished first) is read on with
      // a second Range to the same signed URL.
      assertThat(cdn.headersSeen.stream().map(h -> h.get(":path").get(0)).distinct()).hasSize(2 + SHARDS);
      assertThat(cdn.headersSeen).allSatisfy(h -> assertThat(h).doesNotContainKey("authorization")
          .satisfies(x -> assertThat(x.toString()).doesNotContain(TOKEN)));
      assertThat(cdn.headersSeen.stream().filter(h -> h.containsKey("range")).count())
          .isBetween((long) SHARDS, 2L * SHARDS);
      assertThat(hub.headersSeen).hasSize(1 + 2 + SHARDS)
          .allSatisfy(h -> assertThat(h.get("authorization")).containsExactly("Bearer " + TOKEN));
    }
  }

  @Test
  void headerReadsRunConcurrently() throws IOException {
    try (FakeHub hub = shardedHub()) {
      hub.waitForInFlight = 4; // each Range answer waits (at most 5 s) until 4 are in flight
      open(hub, RemoteOptions.of(Duration.ofSeconds(30), 8));
      assertThat(hub.maxInFlight.get()).isGreaterThanOrEqualTo(4);
    }
    try (FakeHub hub = shardedHub()) {
      assertThat(open(hub, RemoteOptions.of(Duration.ofSeconds(30), 1)).summary().files()).hasSize(SHARDS);
    }
  }

  @Test
  void onlyHeaderBytesTravel() throws IOException {
    Path big = Files.createTempDirectory("paramscope-remote");
    try {
      // A 64 MiB safetensors file whose header is a few hundred bytes.
      byte[] header = "{\"w\":{\"dtype\":\"F32\",\"shape\":[4096,4096],\"data_offsets\":[0,67108864]}}".getBytes();
      try (var file = new java.io.RandomAccessFile(big.resolve("model.safetensors").toFile(), "rw")) {
        file.write(java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(header.length).array());
        file.write(header);
        file.setLength(8 + header.length + 67_108_864L);
      }
      try (FakeHub hub = new FakeHub("org/big", big, List.of("model.safetensors"))) {
        CheckpointSummary summary = RemoteCheckpoint.open("hf://org/big", env(hub)).summary();
        assertThat(summary.totalParams()).isEqualTo(4096L * 4096);
        // The first read-ahead window at most, never the 64 MiB of data.
        assertThat(hub.bytesServed.get()).isLessThanOrEqualTo(HttpByteSource.FIRST_WINDOW);
        // A server that ignores Range and starts sending all 64 MiB is cut off after what we need.
        hub.fault = FakeHub.Fault.IGNORE_RANGE;
        hub.bytesServed.set(0);
        RemoteCheckpoint cut = RemoteCheckpoint.open("hf://org/big", env(hub));
        assertThat(cut.summary().totalParams()).isEqualTo(4096L * 4096);
        assertThat(cut.stats().bytesFetched()).isLessThan(4L << 20);
      }
    } finally {
      try (Stream<Path> files = Files.walk(big)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void aServerIgnoringRangesOrSendingMoreIsCutOffAtTheBytesNeeded() throws IOException {
    for (FakeHub.Fault fault : List.of(FakeHub.Fault.IGNORE_RANGE, FakeHub.Fault.SEND_MORE)) {
      try (FakeHub hub = shardedHub()) {
        hub.fault = fault;
        RemoteCheckpoint remote = open(hub);
        assertThat(remote.summary().totalParams()).as(fault.name()).isEqualTo(1_443_072L);
      }
    }
  }

  @Test
  void inspectReportsRequestsAndBytes() throws IOException {
    try (FakeHub hub = shardedHub()) {
      var json = JsonRenderer.toTree(InspectQuery.inspect("hf://org/tiny-llama", false, env(hub)).entries());
      assertThat(json.toString()).contains("\"reconciled\":true").contains("\"total_params\":1443072")
          .contains("\"seconds\":");
      // What the hub saw. Listing, index, config and one Range a shard; a shard whose header outgrew
      // its first Range (sized from the shards read before it, so it depends on which finished
      // first) costs one more.
      assertThat(json.get("http_exchanges").asInt()).isEqualTo(hub.requests.get());
      assertThat(json.get("bytes_fetched").asLong()).isGreaterThanOrEqualTo(hub.bytesServed.get());
      assertThat(json.get("requests").asInt()).isBetween(3 + SHARDS, 3 + 2 * SHARDS);
    }
  }

  @Test
  void retries429And503HonouringRetryAfter() throws IOException {
    try (FakeHub hub = shardedHub()) {
      hub.fail(FakeHub.Fault.TOO_MANY_REQUESTS_ONCE, 1);
      assertThat(open(hub).summary().tensorCount()).isEqualTo(21);
    }
    try (FakeHub hub = shardedHub()) {
      hub.retryAfter = "1"; // one second, twice: the backoff of 1 ms would not wait this long
      hub.fail(FakeHub.Fault.UNAVAILABLE_TWICE, 2);
      long start = System.nanoTime();
      assertThat(open(hub).summary().tensorCount()).isEqualTo(21);
      assertThat(System.nanoTime() - start).as("waited as Retry-After asked").isGreaterThanOrEqualTo(1_000_000_000L);
    }
  }

  @Test
  void aRetryAfterPastTheDeadlineFailsAtOnce() throws IOException {
    try (FakeHub hub = shardedHub()) {
      hub.retryAfter = "3600";
      hub.fail(FakeHub.Fault.TOO_MANY_REQUESTS_ONCE, 1);
      assertThatThrownBy(() -> open(hub, RemoteOptions.of(Duration.ofSeconds(1), 4)))
          .isInstanceOf(IOException.class).hasMessageContaining("asks to wait 3600 s, past the total deadline");
    }
  }

  @Test
  void retriesADroppedConnection() throws IOException {
    try (FakeHub hub = shardedHub()) {
      hub.fail(FakeHub.Fault.DROP_ONCE, 1);
      assertThat(open(hub).summary().tensorCount()).isEqualTo(21);
    }
  }

  @Test
  void gives503sUpAfterFourTriesAnd500sAtOnce() throws IOException {
    try (FakeHub hub = shardedHub()) {
      hub.fault = FakeHub.Fault.ALWAYS_503;
      assertThatThrownBy(() -> open(hub)).isInstanceOf(IOException.class).hasMessageContaining("HTTP 503 after 4 tries");
      assertThat(apiRequests(hub)).as("the listing's tries").isEqualTo(HubHttp.MAX_ATTEMPTS);
    }
    try (FakeHub hub = shardedHub()) {
      hub.fault = FakeHub.Fault.ALWAYS_500;
      assertThatThrownBy(() -> open(hub)).isInstanceOf(BadInputException.class).hasMessageContaining("unexpected HTTP status 500");
      assertThat(apiRequests(hub)).isEqualTo(1);
    }
  }

  private static long apiRequests(FakeHub hub) {
    return hub.headersSeen.stream().filter(h -> h.get(":path").get(0).startsWith("/api/")).count();
  }

  @Test
  void aBodyThatNeverComesFailsWithinTheTimeout() throws IOException {
    try (FakeHub hub = shardedHub()) {
      hub.fault = FakeHub.Fault.SILENT_BODY;
      assertThatThrownBy(() -> open(hub, RemoteOptions.of(Duration.ofMillis(300), 4)))
          .isInstanceOf(IOException.class).hasMessageContaining("no answer within 0.3 s (--timeout)");
    }
  }

  @Test
  void redirectsStopAfterFive() throws IOException {
    try (FakeHub hub = shardedHub()) {
      hub.fault = FakeHub.Fault.REDIRECT_LOOP;
      assertThatThrownBy(() -> open(hub)).isInstanceOf(BadInputException.class).hasMessageContaining("more than 5 redirects");
      assertThat(apiRequests(hub)).isEqualTo(1 + HubHttp.MAX_REDIRECTS);
    }
  }

  @Test
  void gatedAndPrivateReposSayToSetTheTokenAndNeverPrintIt() throws IOException {
    try (FakeHub hub = shardedHub()) {
      hub.requiredToken = "another-token";
      assertThatThrownBy(() -> open(hub)).isInstanceOf(BadInputException.class)
          .hasMessageContaining("authentication required (HTTP 401)").hasMessageContaining("set HF_TOKEN")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN));
    }
    try (FakeHub hub = shardedHub()) {
      hub.fault = FakeHub.Fault.FORBIDDEN_GATED;
      assertThatThrownBy(() -> open(hub)).isInstanceOf(BadInputException.class)
          .hasMessageContaining("access denied (HTTP 403): the repo is gated").hasMessageContaining("HF_TOKEN");
    }
  }

  @Test
  void missingReposAre404() throws IOException {
    try (FakeHub hub = shardedHub()) {
      assertThatThrownBy(() -> RemoteCheckpoint.open("hf://org/nope", env(hub)))
          .isInstanceOf(BadInputException.class).hasMessageContaining("not found (HTTP 404)");
    }
  }

  @Test
  void aContentRangeThatDisagreesIsRefused() throws IOException {
    try (FakeHub hub = shardedHub()) {
      hub.fault = FakeHub.Fault.WRONG_CONTENT_RANGE;
      assertThatThrownBy(() -> open(hub)).isInstanceOf(BadInputException.class)
          .hasMessageContaining("Content-Range disagrees with the request");
    }
  }

  @Test
  void pathTricksAreRefusedBeforeAnyRequest() throws IOException {
    try (FakeHub hub = shardedHub()) {
      for (String source : List.of("hf://org/tiny-llama/../../api/x", "hf://org/tiny-llama/a/./b", "hf://org/tiny-llama//x",
          "hf://org/tiny-llama@../x", "hf://org/../x", "hf://org/tiny-llama/a\\..\\b", "hf://org/tiny-llama@..")) {
        assertThatThrownBy(() -> RemoteCheckpoint.open(source, env(hub))).as(source).isInstanceOf(BadInputException.class);
      }
      assertThat(hub.requests.get()).isZero();
    }
  }

  @Test
  void badSourcesAreRefused() {
    assertThatThrownBy(() -> RemoteCheckpoint.open("hf://not a repo", Map.of()))
        .isInstanceOf(BadInputException.class).hasMessageContaining("expected hf://org/name");
    assertThatThrownBy(() -> RemoteCheckpoint.open("hf://org/name", Map.of("HF_ENDPOINT", "file:///etc")))
        .isInstanceOf(BadInputException.class).hasMessageContaining("HF_ENDPOINT");
  }
}
