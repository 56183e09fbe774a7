package dev.paramscope.cli.serve;

import dev.paramscope.catalog.Catalog;
import dev.paramscope.weights.hub.HfCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Decides what the web API may read for a SOURCE, in the order the commands resolve it: a path
 * that exists (it wins over a catalog id), a catalog id, an {@code hf://} id (inspect only: the
 * estimate commands' remote config reads are not offered over the API), a repo in the Hugging Face
 * cache (any command, given its snapshot's real path). Every local path — the cache's snapshots included —
 * must lie inside a folder named with {@code --allow} once {@code ..} and symbolic links are
 * resolved, and so must every entry of a folder (a link inside an allowed folder may point out of
 * it). The command is then given the resolved real path, not the name that was checked, so a link
 * is never followed a second time.
 */
final class SourceGuard {
  /** Entries of a folder checked at most; a larger folder is refused rather than listed at length. */
  static final int MAX_FOLDER_ENTRIES = 10_000;

  private final List<Path> allowed;

  SourceGuard(List<Path> allowedFolders) {
    this.allowed = allowedFolders.stream().map(SourceGuard::real).toList();
  }

  private static Path real(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      throw new IllegalArgumentException("--allow " + p + ": no such folder");
    }
  }

  /** The argument to give the command for {@code source}, or why it is refused. */
  record Decision(String argument, String refusal) {
    static Decision allow(String argument) {
      return new Decision(argument, null);
    }

    static Decision refuse(String why) {
      return new Decision(null, why);
    }
  }

  Decision check(String command, String source, Map<String, String> env) {
    Path path = existingPath(source);
    if (path != null) {
      return local(path);
    }
    if (Catalog.builtIn().find(source).isPresent()) {
      return Decision.allow(source);
    }
    if (source.startsWith("hf://")) {
      return command.equals("inspect") ? Decision.allow(source) : Decision.refuse("hf:// sources are for inspect");
    }
    if (HfCache.looksLikeRepoId(source)) {
      try {
        Optional<Path> snapshot = HfCache.fromEnvironment(env).snapshot(source);
        return snapshot.isPresent() ? local(snapshot.get()) : Decision.refuse("not in the Hugging Face cache");
      } catch (IOException | RuntimeException e) {
        return Decision.refuse("cannot read the Hugging Face cache entry");
      }
    }
    return Decision.allow(source); // the command says "no such file, and not a catalog id; did you mean ..."
  }

  private static Path existingPath(String source) {
    try {
      Path path = Path.of(source);
      return Files.exists(path, LinkOption.NOFOLLOW_LINKS) ? path : null;
    } catch (InvalidPathException e) {
      return null;
    }
  }

  private Decision local(Path path) {
    Path realPath = inside(path);
    if (realPath == null) {
      return Decision.refuse(OUTSIDE);
    }
    if (Files.isDirectory(realPath)) {
      try (Stream<Path> entries = Files.list(realPath)) {
        Iterator<Path> it = entries.iterator();
        for (int n = 0; it.hasNext(); n++) {
          Path entry = it.next();
          if (n >= MAX_FOLDER_ENTRIES) {
            return Decision.refuse("folder has more than " + MAX_FOLDER_ENTRIES + " entries");
          }
          if (inside(entry) == null) {
            return Decision.refuse(entry.getFileName() + " in it links to a " + OUTSIDE);
          }
        }
      } catch (IOException | java.io.UncheckedIOException e) {
        return Decision.refuse("cannot list the folder");
      }
    }
    return Decision.allow(realPath.toString());
  }

  static final String OUTSIDE = "path outside the folders this server may read (start it with --allow FOLDER)";

  /** The real path of {@code path} when it lies inside an allowed folder, else null. */
  private Path inside(Path path) {
    Path realPath;
    try {
      realPath = path.toRealPath();
    } catch (IOException e) {
      return null;
    }
    for (Path root : allowed) {
      if (realPath.startsWith(root)) {
        return realPath;
      }
    }
    return null;
  }
}
