package dev.paramscope.weights.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paramscope.BadInputException;
import dev.paramscope.query.InspectQuery;
import dev.paramscope.report.JsonRenderer;
import dev.paramscope.testing.SharedTestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Repos in the local Hugging Face cache, laid out as huggingface_hub writes them. */
class HfCacheTest {
  private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

  private static Path fakeCache(Path root) throws IOException {
    Path repo = root.resolve("models--org--tiny-llama");
    Files.createDirectories(repo.resolve("refs"));
    Files.writeString(repo.resolve("refs/main"), COMMIT + "\n");
    Path snapshot = Files.createDirectories(repo.resolve("snapshots").resolve(COMMIT));
    Path shared = SharedTestData.require("files/safetensors/tiny-llama-sharded");
    try (Stream<Path> files = Files.list(shared)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        // huggingface_hub links snapshot files to blobs; a symlink is what a real cache holds.
        Files.createSymbolicLink(snapshot.resolve(f.getFileName()), f.toAbsolutePath());
      }
    }
    return snapshot;
  }

  @Test
  void resolvesMainAndCommitPrefixes(@TempDir Path root) throws IOException {
    Path snapshot = fakeCache(root);
    HfCache cache = new HfCache(root);
    assertThat(cache.snapshot("org/tiny-llama")).contains(snapshot);
    assertThat(cache.snapshot("org/tiny-llama@main")).contains(snapshot);
    assertThat(cache.snapshot("org/tiny-llama@0123456")).contains(snapshot);
    assertThat(cache.snapshot("org/absent")).isEmpty();
    assertThatThrownBy(() -> cache.snapshot("org/tiny-llama@v2"))
        .isInstanceOf(BadInputException.class).hasMessageContaining("revision 'v2' is not");
  }

  @Test
  void environmentPicksTheCache(@TempDir Path root) {
    assertThat(HfCache.fromEnvironment(Map.of("HF_HUB_CACHE", root.toString())).root()).isEqualTo(root);
    assertThat(HfCache.fromEnvironment(Map.of("HF_HOME", root.toString())).root()).isEqualTo(root.resolve("hub"));
    assertThat(HfCache.fromEnvironment(Map.of()).root().toString()).endsWith(".cache/huggingface/hub");
  }

  @Test
  void inspectReadsACachedRepo(@TempDir Path root) throws IOException {
    fakeCache(root);
    String json = JsonRenderer.toTree(
        InspectQuery.inspect("org/tiny-llama", false, Map.of("HF_HUB_CACHE", root.toString())).entries()).toString();
    assertThat(json).contains("\"tensor_count\":21").contains("\"reconciled\":true");
  }

  @Test
  void anUncachedRepoSuggestsHf(@TempDir Path root) {
    assertThatThrownBy(() -> InspectQuery.inspect("org/elsewhere", false, Map.of("HF_HUB_CACHE", root.toString())))
        .isInstanceOf(BadInputException.class).hasMessageContaining("use hf://org/elsewhere");
  }
}
