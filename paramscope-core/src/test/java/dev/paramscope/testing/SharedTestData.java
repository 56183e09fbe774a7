package dev.paramscope.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates {@code ../shared/testdata/} (relative to the repository root), the conformance
 * data that is not part of this project.
 *
 * <p>When the folder is absent a test skips with a printed reason; when the environment
 * variable {@code PARAMSCOPE_REQUIRE_SHARED=1} is set (CI sets it) the test fails instead.
 */
public final class SharedTestData {
  private SharedTestData() {}

  /**
   * The repository root: the {@code paramscope.root} system property (Maven's directory of
   * invocation) when it holds the modules, else the nearest directory above the working one that
   * does (Maven run inside a module directory).
   */
  public static Path projectRoot() {
    String root = System.getProperty("paramscope.root");
    if (root != null && !root.isBlank() && Files.exists(Path.of(root).resolve("paramscope-core"))) {
      return Path.of(root).toAbsolutePath().normalize();
    }
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("paramscope-core"))) {
      dir = dir.getParent();
    }
    return dir == null ? Path.of("").toAbsolutePath() : dir;
  }

  /** {@code ../shared/testdata}, whether or not it exists. */
  public static Path location() {
    return projectRoot().resolve("../shared/testdata").normalize();
  }

  /** True when CI demands the shared data ({@code PARAMSCOPE_REQUIRE_SHARED=1}). */
  public static boolean required() {
    return "1".equals(System.getenv("PARAMSCOPE_REQUIRE_SHARED"));
  }

  /**
   * Returns {@code ../shared/testdata/<relative>}, or skips the calling test (printing why)
   * when it is absent, or fails it when the data is required.
   */
  public static Path require(String relative) {
    Path path = location().resolve(relative);
    if (!Files.exists(path)) {
      String reason = "shared test data not found at " + path
          + " (conformance data lives in ../shared/testdata beside the project)";
      if (required()) {
        fail(reason + "; PARAMSCOPE_REQUIRE_SHARED=1 requires it");
      }
      System.out.println("SKIPPED: " + reason);
      Assumptions.abort(reason);
    }
    return path;
  }

  /** True if {@code ../shared/testdata/<relative>} exists; for building parameter lists. */
  public static boolean present(String relative) {
    return Files.exists(location().resolve(relative));
  }
}
