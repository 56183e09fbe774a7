package dev.paramscope.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paramscope.json.JsonTrees;
import dev.paramscope.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a model catalog file ({@code models.json}): {@code {"entries": [ ... ]}}, each entry with
 * {@code id, name, organisation, released, hf_repo?, published_params?, source, config?,
 * figures?}; each figure with {@code total_params, active_params?, status, source, note?}.
 *
 * <p>Every entry is validated (see {@link CatalogEntry} and {@link ParamFigure}); ids must be
 * unique. Any problem is reported as a {@link BadInputException} naming the entry and the field.
 */
final class CatalogReader {
  private CatalogReader() {}

  static List<CatalogEntry> read(InputStream in, String source) {
    JsonNode root;
    try {
      root = JsonTrees.read(JsonTrees.DEFAULT_FACTORY, in);
    } catch (IOException e) {
      throw new BadInputException(source, "not valid JSON: " + e.getMessage().lines().findFirst().orElse(""), e);
    }
    if (root == null || !root.path("entries").isArray()) {
      throw new BadInputException(source, "expected an object with an \"entries\" array");
    }
    List<CatalogEntry> entries = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    int index = 0;
    for (JsonNode node : root.get("entries")) {
      String where = "entries[" + index++ + "] (" + node.path("id").asText("?") + ")";
      CatalogEntry entry;
      try {
        entry = entry(node);
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new BadInputException(source, where + ": " + e.getMessage(), e);
      }
      if (!ids.add(entry.id())) {
        throw new BadInputException(source, where + ": id \"" + entry.id() + "\" is repeated");
      }
      entries.add(entry);
    }
    return List.copyOf(entries);
  }

  private static CatalogEntry entry(JsonNode node) {
    if (!node.isObject()) {
      throw new IllegalArgumentException("an entry must be a JSON object");
    }
    List<ParamFigure> figures = new ArrayList<>();
    JsonNode figureNodes = node.path("figures");
    if (!figureNodes.isMissingNode() && !figureNodes.isArray()) {
      throw new IllegalArgumentException("figures must be an array");
    }
    int index = 0;
    for (JsonNode figure : figureNodes) {
      try {
        figures.add(figure(figure));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("figures[" + index + "]: " + e.getMessage(), e);
      }
      index++;
    }
    JsonNode config = node.get("config");
    return new CatalogEntry(
        text(node, "id"),
        text(node, "name"),
        text(node, "organisation"),
        text(node, "released"),
        text(node, "hf_repo"),
        config == null || config.isNull() ? Optional.empty() : Optional.of(config),
        figures,
        text(node, "published_params"),
        text(node, "source"));
  }

  private static ParamFigure figure(JsonNode node) {
    JsonNode total = node.get("total_params");
    if (total == null || !total.canConvertToExactIntegral() || !total.canConvertToLong()) {
      throw new IllegalArgumentException("total_params must be a whole number, got " + total);
    }
    JsonNode active = node.get("active_params");
    Long activeParams = null;
    if (active != null && !active.isNull()) {
      if (!active.canConvertToExactIntegral() || !active.canConvertToLong()) {
        throw new IllegalArgumentException("active_params must be a whole number, got " + active);
      }
      activeParams = active.asLong();
    }
    return new ParamFigure(
        total.asLong(),
        activeParams,
        FigureStatus.fromJsonKey(text(node, "status")),
        text(node, "source"),
        text(node, "note"));
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new IllegalArgumentException(field + " must be a string, got " + value);
    }
    return value.asText();
  }
}
