package dev.paramscope.hardware;

import dev.paramscope.BadInputException;
import dev.paramscope.catalog.NameMatcher;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in catalog of accelerators with datasheet figures (resource {@code
 * dev/paramscope/hardware/gpus.json}), read once, lazily, and validated as it is read.
 */
public final class HardwareCatalog {
  static final String RESOURCE = "gpus.json";

  private final List<Gpu> all;
  private final Map<String, Gpu> byName;
  private final Map<String, Gpu> byCompactName;

  private HardwareCatalog(List<Gpu> all) {
    this.all = List.copyOf(all);
    Map<String, Gpu> index = new LinkedHashMap<>();
    for (Gpu gpu : this.all) {
      index.put(gpu.id(), gpu);
    }
    for (Gpu gpu : this.all) {
      for (String alias : gpu.aliases()) {
        index.putIfAbsent(alias, gpu);
      }
    }
    this.byName = index;
    Map<String, Gpu> compact = new LinkedHashMap<>();
    index.forEach((name, gpu) -> compact.putIfAbsent(compact(name), gpu));
    this.byCompactName = compact;
  }

  /** A name without its separators, so {@code rtx4090} and {@code h100sxm} find {@code rtx-4090} and {@code h100-sxm}. */
  private static String compact(String name) {
    return name.replaceAll("[-_.]", "");
  }

  /** The accelerators shipped with paramscope. */
  public static HardwareCatalog builtIn() {
    return BuiltIn.INSTANCE;
  }

  /** Reads a catalog in the {@code gpus.json} format; {@code source} names it in errors. */
  static HardwareCatalog read(InputStream in, String source) {
    return new HardwareCatalog(GpuCatalogReader.read(in, source));
  }

  /** All accelerators, in the resource file's order. */
  public List<Gpu> all() {
    return all;
  }

  /**
   * The accelerator with this id or alias ({@code h100}, {@code a100}, {@code 4090}, ...),
   * ignoring case, surrounding spaces, and dashes, dots and underscores ({@code rtx4090} is {@code
   * rtx-4090}).
   */
  public Optional<Gpu> find(String idOrAlias) {
    if (idOrAlias == null) {
      return Optional.empty();
    }
    String name = idOrAlias.trim().toLowerCase(Locale.ROOT);
    Gpu exact = byName.get(name);
    return Optional.ofNullable(exact != null ? exact : byCompactName.get(compact(name)));
  }

  /**
   * Ids of the accelerators whose id or an alias is close to an unknown name, best first, each
   * once, for "did you mean ...".
   */
  public List<String> closeMatches(String idOrAlias) {
    return NameMatcher.closeMatches(idOrAlias, byName.keySet()).stream()
        .map(name -> byName.get(name).id())
        .distinct()
        .toList();
  }

  /** Holder idiom: the resource is read on first use of {@link #builtIn()}. */
  private static final class BuiltIn {
    static final HardwareCatalog INSTANCE = load();

    private static HardwareCatalog load() {
      String source = "hardware:" + RESOURCE;
      try (InputStream in = HardwareCatalog.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new BadInputException(source, "resource missing from the classpath");
        }
        return read(in, source);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
