package dev.paramscope.catalog;

import dev.paramscope.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in catalog of models: open models with their published architecture, closed models
 * with cited parameter figures.
 *
 * <p>Entries keep the order of the resource file {@code dev/paramscope/catalog/models.json}. The
 * built-in catalog is read once, lazily, and validated as it is read.
 */
public final class Catalog {
  static final String RESOURCE = "models.json";

  private final List<CatalogEntry> entries;
  private final Map<String, CatalogEntry> byId;

  private Catalog(List<CatalogEntry> entries) {
    this.entries = List.copyOf(entries);
    Map<String, CatalogEntry> index = new LinkedHashMap<>();
    for (CatalogEntry entry : this.entries) {
      if (index.put(entry.id(), entry) != null) {
        throw new IllegalArgumentException("catalog id \"" + entry.id() + "\" is repeated");
      }
    }
    this.byId = index;
  }

  /** The catalog shipped with paramscope. */
  public static Catalog builtIn() {
    return BuiltIn.INSTANCE;
  }

  /** Reads a catalog in the {@code models.json} format; {@code source} names it in errors. */
  static Catalog read(InputStream in, String source) {
    return new Catalog(CatalogReader.read(in, source));
  }

  /** All entries, in the resource file's order. */
  public List<CatalogEntry> entries() {
    return entries;
  }

  /** The entry with this id, ignoring case and surrounding spaces. */
  public Optional<CatalogEntry> find(String id) {
    if (id == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(byId.get(id.trim().toLowerCase(Locale.ROOT)));
  }

  /**
   * Entries whose id, name or organisation contains {@code text} (case-insensitive), in catalog
   * order; all entries when {@code text} is blank.
   */
  public List<CatalogEntry> filter(String text) {
    String wanted = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    return entries.stream()
        .filter(entry -> wanted.isEmpty()
            || entry.id().contains(wanted)
            || entry.name().toLowerCase(Locale.ROOT).contains(wanted)
            || entry.organisation().toLowerCase(Locale.ROOT).contains(wanted))
        .toList();
  }

  /** Ids close to an unknown {@code id}, best first, for "did you mean ..." (may be empty). */
  public List<String> closeMatches(String id) {
    return NameMatcher.closeMatches(id, byId.keySet());
  }

  /** Holder idiom: the resource is read on first use of {@link #builtIn()}. */
  private static final class BuiltIn {
    static final Catalog INSTANCE = load();

    private static Catalog load() {
      String source = "catalog:" + RESOURCE;
      try (InputStream in = Catalog.class.getResourceAsStream(RESOURCE)) {
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
