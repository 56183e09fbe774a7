package dev.paramscope.query;

import dev.paramscope.BadInputException;
import dev.paramscope.catalog.Catalog;
import dev.paramscope.catalog.CatalogEntry;
import dev.paramscope.catalog.ParamFigure;
import dev.paramscope.config.ConfigReader;
import dev.paramscope.count.ParameterCount;
import dev.paramscope.count.ParameterCounter;
import dev.paramscope.model.ModelArchitecture;
import dev.paramscope.weights.hub.HfCache;
import dev.paramscope.weights.hub.RemoteConfig;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves what a user names as SOURCE: a {@code config.json}, a directory holding one, a local
 * checkpoint (a GGUF or safetensors file: the config.json beside it, or a GGUF's metadata), a catalog
 * id ({@code llama-3.1-8b}, {@code gpt-4o}), a repo in the Hugging Face cache ({@code
 * org/name[@revision]}, its snapshot's config.json) or a remote repo ({@code hf://org/name}, its
 * config.json alone). A path that exists wins over an id.
 */
public final class ModelSource {
  private ModelSource() {}

  /**
   * @param source a path or a catalog id
   * @param assumeFamily a model_type to count an unknown family as, or null
   * @throws BadInputException when the source is neither, naming close catalog matches
   */
  public static ResolvedModel resolve(String source, String assumeFamily) {
    return resolve(source, assumeFamily, System.getenv());
  }

  /**
   * As {@link #resolve(String, String)}, the Hugging Face cache and hub found from {@code env}
   * ({@code HF_HUB_CACHE}, {@code HF_HOME}, {@code HF_ENDPOINT}, {@code HF_TOKEN}).
   */
  public static ResolvedModel resolve(String source, String assumeFamily, Map<String, String> env) {
    if (source == null || source.isBlank()) {
      throw new BadInputException("SOURCE", "empty: give a config.json, a directory or a catalog id");
    }
    Path path = asExistingPath(source);
    if (path != null) {
      return fromArchitecture(null, null, local(path, assumeFamily), path.toString(), path.toString(), List.of());
    }
    Optional<CatalogEntry> entry = Catalog.builtIn().find(source);
    if (entry.isPresent()) {
      return fromCatalog(entry.get(), assumeFamily);
    }
    if (source.startsWith("hf://")) {
      return fromArchitecture(null, source.substring("hf://".length()), remote(source, assumeFamily, env), source, source,
          List.of());
    }
    if (HfCache.looksLikeRepoId(source)) {
      return fromCache(source, assumeFamily, env);
    }
    List<String> close = Catalog.builtIn().closeMatches(source);
    throw new BadInputException(source, "no such file, and not a catalog id"
        + (close.isEmpty() ? " (see 'paramscope catalog')" : "; did you mean: " + String.join(", ", close)));
  }

  /**
   * A local path's architecture: its config.json, or for a checkpoint (a GGUF or safetensors file,
   * a directory of weights without config.json) the config beside it or its GGUF metadata.
   */
  private static ModelArchitecture local(Path path, String assumeFamily) {
    boolean config = Files.isDirectory(path) ? Files.exists(path.resolve("config.json"))
        : CheckpointWeights.location(path.toString()).filter(path::equals).isEmpty();
    Optional<Path> weights = config ? Optional.empty() : CheckpointWeights.location(path.toString());
    return weights.isPresent() ? CheckpointWeights.architecture(weights.get(), assumeFamily)
        : ConfigReader.read(path, assumeFamily);
  }

  private static ModelArchitecture remote(String source, String assumeFamily, Map<String, String> env) {
    try {
      return ConfigReader.parse(RemoteConfig.read(source, env), source, assumeFamily);
    } catch (IOException e) {
      throw new BadInputException(source, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
  }

  private static ResolvedModel fromCache(String source, String assumeFamily, Map<String, String> env) {
    HfCache cache = HfCache.fromEnvironment(env);
    Optional<Path> snapshot;
    try {
      snapshot = cache.snapshot(source);
    } catch (IOException e) {
      throw new BadInputException(source, "cannot read the Hugging Face cache at " + cache.root());
    }
    if (snapshot.isEmpty()) {
      throw new BadInputException(source, "not a file, a catalog id, or a repo in the Hugging Face cache at "
          + cache.root() + " (use hf://" + source + " to read its config.json remotely)");
    }
    return fromArchitecture(null, source, ConfigReader.read(snapshot.get(), assumeFamily), snapshot.get().toString(),
        source, List.of());
  }

  /** Resolves a catalog entry: counted from its config when it has one, else its headline figure. */
  public static ResolvedModel fromCatalog(CatalogEntry entry, String assumeFamily) {
    if (entry.config().isPresent()) {
      ModelArchitecture arch = ConfigReader.fromJson(entry.config().get(), "catalog:" + entry.id(), assumeFamily);
      return fromArchitecture(entry, entry.name(), arch, entry.source(), shortSource(entry, entry.source()),
          entry.figures());
    }
    if (entry.figures().isEmpty()) {
      throw new BadInputException("catalog:" + entry.id(), "has neither a config nor a parameter figure");
    }
    ParamFigure headline = entry.figures().get(0);
    return new ResolvedModel(entry.id(), entry.name(), entry.organisation(), headline.status().jsonKey(),
        headline.source(), shortSource(entry, headline.source()), headline.totalParams(), headline.activeParams(), Optional.empty(), Optional.empty(),
        entry.figures().subList(1, entry.figures().size()), headline.note());
  }

  private static ResolvedModel fromArchitecture(CatalogEntry entry, String name, ModelArchitecture arch,
      String source, String shortSource, List<ParamFigure> figures) {
    ParameterCount count = ParameterCounter.count(arch);
    return new ResolvedModel(entry == null ? null : entry.id(), name == null ? arch.name() : name,
        entry == null ? null : entry.organisation(), "exact", source, shortSource, count.totalParams(), count.activeParams(),
        Optional.of(arch), Optional.of(count), figures, null);
  }

  private static final Pattern ARXIV = Pattern.compile("arXiv:\\d{4}\\.\\d{4,5}");

  /** A source short enough for a table cell: the HF repo, an arXiv id, or the citation's first part. */
  static String shortSource(CatalogEntry entry, String source) {
    return entry.hfRepo().isEmpty() ? shortCitation(source) : shorten(entry.hfRepo());
  }

  /** An arXiv id when the citation has one, else its part before the first comma, at most 30 characters. */
  public static String shortCitation(String source) {
    Matcher arxiv = ARXIV.matcher(source);
    if (arxiv.find()) {
      return arxiv.group();
    }
    int comma = source.indexOf(',');
    return shorten(comma > 0 ? source.substring(0, comma) : source);
  }

  private static String shorten(String text) {
    return text.length() <= 30 ? text : text.substring(0, 29) + "…";
  }

  private static Path asExistingPath(String source) {
    try {
      Path path = Path.of(source);
      return Files.exists(path) ? path : null;
    } catch (InvalidPathException e) {
      return null;
    }
  }
}
