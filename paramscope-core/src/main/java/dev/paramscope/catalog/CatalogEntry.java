package dev.paramscope.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A model in the built-in catalog.
 *
 * <p>Open models carry their architecture as an HF-style {@code config} object (the keys and values
 * of the model's published config.json); their parameter count is computed by the caller, e.g. with
 * {@code ConfigReader.fromJson(node, "catalog:" + id, null)}, and {@code figures} may be empty.
 * Closed models carry typed {@code figures} instead, each with its own source; the first figure is
 * the headline.
 *
 * @param id lowercase slug, e.g. {@code llama-3.1-8b}: {@code [a-z0-9]} runs joined by '-' or '.'
 * @param name display name, e.g. "Llama 3.1 8B"
 * @param organisation who made it
 * @param released release month, {@code YYYY-MM}
 * @param hfRepo Hugging Face repository the config comes from ({@code org/name}); "" when none
 * @param config the HF-style config object (with {@code model_type}), when the model is open
 * @param figures published figures, headline first; never empty when {@code config} is absent
 * @param publishedParams the size its maker states, for display ("8B", "671B total, 37B active");
 *     "" when none
 * @param source citation and URL for the config or the entry as a whole (never blank)
 */
public record CatalogEntry(
    String id,
    String name,
    String organisation,
    String released,
    String hfRepo,
    Optional<JsonNode> config,
    List<ParamFigure> figures,
    String publishedParams,
    String source) {

  static final Pattern ID_SLUG = Pattern.compile("[a-z0-9]+(?:[.-][a-z0-9]+)*");
  private static final Pattern YEAR_MONTH = Pattern.compile("(19|20)\\d\\d-(0[1-9]|1[0-2])");
  private static final Pattern HF_REPO = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");

  public CatalogEntry {
    if (id == null || !ID_SLUG.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "id \"" + id + "\" must be a lowercase slug like llama-3.1-8b");
    }
    requireText("name", name);
    requireText("organisation", organisation);
    if (released == null || !YEAR_MONTH.matcher(released).matches()) {
      throw new IllegalArgumentException("released \"" + released + "\" must be YYYY-MM");
    }
    hfRepo = hfRepo == null ? "" : hfRepo;
    if (!hfRepo.isEmpty() && !HF_REPO.matcher(hfRepo).matches()) {
      throw new IllegalArgumentException("hf_repo \"" + hfRepo + "\" must be org/name");
    }
    Objects.requireNonNull(config, "config");
    config = config.map(CatalogEntry::checkedConfig);
    figures = List.copyOf(Objects.requireNonNull(figures, "figures"));
    if (config.isEmpty() && figures.isEmpty()) {
      throw new IllegalArgumentException("an entry needs a config or at least one figure");
    }
    publishedParams = publishedParams == null ? "" : publishedParams;
    requireText("source", source);
  }

  /** A copy of the HF-style config, so callers cannot change the catalog. */
  @Override
  public Optional<JsonNode> config() {
    return config.map(JsonNode::deepCopy);
  }

  /** The config's {@code model_type}, when the entry has a config. */
  public Optional<String> modelType() {
    return config.map(node -> node.get("model_type").asText());
  }

  /** The headline figure (the first), when the entry has figures. */
  public Optional<ParamFigure> headline() {
    return figures.isEmpty() ? Optional.empty() : Optional.of(figures.get(0));
  }

  private static JsonNode checkedConfig(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("config must be a JSON object");
    }
    JsonNode modelType = node.get("model_type");
    if (modelType == null || !modelType.isTextual() || modelType.asText().isBlank()) {
      throw new IllegalArgumentException("config must have a model_type string");
    }
    return node.deepCopy();
  }

  private static void requireText(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
  }
}
