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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** hf:// sources against a loopback hub that serves the shared files and misbehaves on demand. */
class RemoteCheckpointTest {
  private static final String TOKEN = "hf_secret_token_never_printed";

  private static FakeHub shardedHub() throws IOException {
    Path dir = SharedTestData.require("files/safetensors/tiny-llama-sharded");
    List<String> files = new ArrayList<>();
    try (Stream<Path> list = Files.list(dir)) {
      list.map(p -> p.getFileName().toString()).sorted().forEach(files::add);
    }
    return new FakeHub("org/tiny-llama", dir, files);
  }

  private static Map<String, String> env(FakeHub hub) {
    return Map.of("HF_ENDPOINT", hub.endpoint(), "HF_TOKEN", TOKEN);
  }

  @Test
  void readsEveryShardHeaderAndTheConfigThroughRedirectsAndRanges() throws IOException {
    try (FakeHub hub = shardedHub()) {
      List<String> progress = new ArrayList<>();
      RemoteCheckpoint remote = RemoteCheckpoint.open("hf://org/tiny-llama", env(hub),
          (done, total, file) -> progress.add(done + "/" + total), 1);
      CheckpointSummary summary = remote.summary();
      assertThat(summary.tensorCount()).isEqualTo(21);
      assertThat(summary.totalParams()).isEqualTo(1_443_072L);
      assertThat(summary.files()).hasSize(12);
      assertThat(remote.config()).isNotNull();
      assertThat(progress).hasSize(12).last().isEqualTo("12/12");
      assertThat(hub.authorizations).allMatch(a -> a.equals("Bearer " + TOKEN));
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
        // The header plus at most the first read-ahead window, never the 64 MiB of data.
        assertThat(hub.bytesServed.get()).isLessThanOrEqualTo(HttpByteSource.FIRST_WINDOW * 2L);
      }
    } finally {
      try (Stream<Path> files = Files.walk(big)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void inspectReportReconcilesWithTheRemoteConfig() throws IOException {
    try (FakeHub hub = shardedHub()) {
      String json = JsonRenderer.toTree(InspectQuery.inspect("hf://org/tiny-llama", false, env(hub)).entries()).toString();
      assertThat(json).contains("\"reconciled\":true").contains("\"total_params\":1443072");
    }
  }

  @Test
  void retriesAfter429() throws IOException {
    try (FakeHub hub = shardedHub()) {
      hub.fault = FakeHub.Fault.TOO_MANY_REQUESTS_ONCE;
      assertThat(RemoteCheckpoint.open("hf://org/tiny-llama", env(hub), (a, b, c) -> { }, 1).summary().tensorCount())
          .isEqualTo(21);
    }
  }

  @Test
  void retriesADroppedConnection() throws IOException {
    try (FakeHub hub = shardedHub()) {
      hub.fault = FakeHub.Fault.DROP_ONCE;
      assertThat(RemoteCheckpoint.open("hf://org/tiny-llama", env(hub), (a, b, c) -> { }, 1).summary().tensorCount())
          .isEqualTo(21);
    }
  }

  @Test
  void gives500sUpAfterBoundedRetries() throws IOException {
    try (FakeHub hub = shardedHub()) {
      hub.fault = FakeHub.Fault.ALWAYS_500;
      assertThatThrownBy(() -> RemoteCheckpoint.open("hf://org/tiny-llama", env(hub), (a, b, c) -> { }, 1))
          .isInstanceOf(IOException.class).hasMessageContaining("HTTP 500 after 4 attempts");
      assertThat(hub.requests.get()).isEqualTo(HubHttp.MAX_ATTEMPTS);
    }
  }

  @Test
  void gatedReposSayToSetTheTokenAndNeverPrintIt() throws IOException {
    try (FakeHub hub = shardedHub()) {
      hub.requiredToken = "another-token";
      assertThatThrownBy(() -> RemoteCheckpoint.open("hf://org/tiny-llama", env(hub)))
          .isInstanceOf(BadInputException.class)
          .hasMessageContaining("HTTP 401").hasMessageContaining("set HF_TOKEN")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN));
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
  void aLyingContentRangeIsRefused() throws IOException {
    try (FakeHub hub = shardedHub()) {
      hub.fault = FakeHub.Fault.WRONG_CONTENT_RANGE;
      assertThatThrownBy(() -> RemoteCheckpoint.open("hf://org/tiny-llama", env(hub)))
          .isInstanceOf(BadInputException.class).hasMessageContaining("lied about Content-Range");
    }
  }

  @Test
  void aServerIgnoringRangesIsRefusedWithoutReadingTheFile() throws IOException {
    try (FakeHub hub = shardedHub()) {
      hub.fault = FakeHub.Fault.IGNORE_RANGE;
      assertThatThrownBy(() -> RemoteCheckpoint.open("hf://org/tiny-llama", env(hub)))
          .isInstanceOf(BadInputException.class).hasMessageContaining("ignored the Range request");
    }
  }

  @Test
  void badSourcesAreRefused() {
    assertThatThrownBy(() -> RemoteCheckpoint.open("hf://not a repo", Map.of()))
        .isInstanceOf(BadInputException.class).hasMessageContaining("expected hf://org/name");
  }
}
