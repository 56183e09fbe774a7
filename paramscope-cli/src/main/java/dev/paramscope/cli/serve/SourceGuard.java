package dev.paramscope.cli.serve;

import dev.paramscope.catalog.Catalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * Decides whether the web API may read a SOURCE: catalog ids always; {@code hf://} ids for
 * {@code inspect}; local paths only inside the folders the user named with {@code --allow},
 * compared after resolving {@code ..} and symbolic links, so no request reads outside them.
 */
final class SourceGuard {
  private final List<Path> allowed;

  SourceGuard(List<Path> allowedFolders) throws IOException {
    this.allowed = allowedFolders.stream().map(SourceGuard::real).toList();
  }

  private static Path real(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      throw new IllegalArgumentException("--allow " + p + ": no such folder");
    }
  }

  /** Null when allowed, else the reason for refusing. */
  String refuse(String command, String source) {
    if (Catalog.builtIn().find(source).isPresent()) {
      return null;
    }
    if (source.startsWith("hf://")) {
      return command.equals("inspect") ? null : "hf:// sources are for inspect";
    }
    Path path;
    try {
      path = Path.of(source);
    } catch (InvalidPathException e) {
      return "not a catalog id or a path";
    }
    if (!Files.exists(path)) {
      return null; // the command itself says "no such file, and not a catalog id; did you mean ..."
    }
    Path realPath;
    try {
      realPath = path.toRealPath();
    } catch (IOException e) {
      return "cannot resolve the path";
    }
    for (Path root : allowed) {
      if (realPath.startsWith(root)) {
        return null;
      }
    }
    return "path outside the folders this server may read (start it with --allow FOLDER)";
  }
}
