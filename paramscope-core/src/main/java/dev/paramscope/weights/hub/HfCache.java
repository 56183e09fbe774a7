package dev.paramscope.weights.hub;

import dev.paramscope.BadInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds a Hugging Face repo in the local hub cache, the layout {@code huggingface_hub} writes:
 * {@code <cache>/models--<org>--<name>/snapshots/<commit>/}, with {@code refs/<branch>} holding the
 * commit a branch points at. The cache is {@code HF_HUB_CACHE}, else {@code HF_HOME/hub}, else
 * {@code ~/.cache/huggingface/hub} (huggingface_hub's {@code constants.py}).
 */
public final class HfCache {
  private static final Pattern REPO = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*/[A-Za-z0-9][A-Za-z0-9_.-]*");
  private static final Pattern REVISION = Pattern.compile("[A-Za-z0-9_.\\-/]{1,128}");

  private final Path root;

  public HfCache(Path root) {
    this.root = root;
  }

  /** The cache the environment names. */
  public static HfCache fromEnvironment(Map<String, String> env) {
    String hubCache = env.get("HF_HUB_CACHE");
    if (hubCache != null && !hubCache.isBlank()) {
      return new HfCache(Path.of(hubCache));
    }
    String home = env.get("HF_HOME");
    if (home != null && !home.isBlank()) {
      return new HfCache(Path.of(home, "hub"));
    }
    return new HfCache(Path.of(System.getProperty("user.home"), ".cache", "huggingface", "hub"));
  }

  public Path root() {
    return root;
  }

  /** True if {@code text} reads as {@code org/name} or {@code org/name@revision}. */
  public static boolean looksLikeRepoId(String text) {
    RepoRef ref = RepoRef.parse(text);
    return ref != null;
  }

  /**
   * The snapshot folder of {@code org/name[@revision]} (revision: a branch under {@code refs/}, or
   * a commit hash or its prefix), or empty when the repo is not cached.
   *
   * @throws BadInputException when the repo is cached but the revision is not
   */
  public Optional<Path> snapshot(String repoId) throws IOException {
    RepoRef ref = RepoRef.parse(repoId);
    if (ref == null) {
      return Optional.empty();
    }
    Path repo = root.resolve("models--" + ref.repo().replace("/", "--"));
    if (!Files.isDirectory(repo)) {
      return Optional.empty();
    }
    String revision = ref.revision() == null ? "main" : ref.revision();
    Path refFile = repo.resolve("refs").resolve(revision).normalize();
    String commit = revision;
    if (refFile.startsWith(repo.resolve("refs")) && Files.isRegularFile(refFile)) {
      commit = Files.readString(refFile, StandardCharsets.UTF_8).trim();
    }
    Path snapshots = repo.resolve("snapshots");
    if (REVISION.matcher(commit).matches()) {
      Path exact = snapshots.resolve(commit).normalize();
      if (exact.startsWith(snapshots) && Files.isDirectory(exact)) {
        return Optional.of(exact);
      }
      if (Files.isDirectory(snapshots) && commit.length() >= 7) {
        try (var list = Files.list(snapshots)) {
          String prefix = commit;
          Optional<Path> match = list.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst();
          if (match.isPresent()) {
            return match;
          }
        }
      }
    }
    throw new BadInputException(repoId, "cached in " + repo + " but revision '" + revision + "' is not");
  }

  /** {@code org/name} with an optional {@code @revision}. */
  record RepoRef(String repo, String revision) {
    static RepoRef parse(String text) {
      String s = text.startsWith("hf://") ? text.substring(5) : text;
      int at = s.indexOf('@');
      String repo = at < 0 ? s : s.substring(0, at);
      String revision = at < 0 ? null : s.substring(at + 1);
      if (!REPO.matcher(repo).matches() || (revision != null && !REVISION.matcher(revision).matches())) {
        return null;
      }
      return new RepoRef(repo, revision);
    }
  }
}
