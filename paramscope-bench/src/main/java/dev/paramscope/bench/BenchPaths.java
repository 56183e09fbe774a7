package dev.paramscope.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where benchmark inputs live: {@code -Dparamscope.bench.fixtures=DIR} and {@code -Dparamscope.bench.shared=DIR}. */
final class BenchPaths {
  private BenchPaths() {}

  /** Resolves {@code shared:NAME} under the shared test data and {@code NAME} under the fixtures. */
  static Path resolve(String name) {
    Path path = name.startsWith("shared:")
        ? Path.of(System.getProperty("paramscope.bench.shared", "../shared/testdata/files/gguf"))
            .resolve(name.substring("shared:".length()))
        : Path.of(System.getProperty("paramscope.bench.fixtures", "target/bench-fixtures")).resolve(name);
    if (!Files.exists(path)) {
      throw new IllegalStateException("benchmark input missing: " + path + " (run bench/run, which makes it)");
    }
    return path;
  }
}
