package dev.paramscope.query;

import dev.paramscope.catalog.ParamFigure;
import dev.paramscope.count.ParameterCount;
import dev.paramscope.model.ModelArchitecture;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A model a user named, resolved: from a config file (counted exactly), a catalog entry with a
 * config (counted exactly), or a catalog entry with stated figures (official, estimate, rumour).
 *
 * @param id catalog id, or null for a file
 * @param name display name
 * @param organisation maker, or null when unknown
 * @param status {@code exact}, {@code official}, {@code estimate} or {@code rumour}
 * @param source where the figure comes from: a path, a config URL, or a citation
 * @param shortSource the source short enough for a table cell (an HF repo, an arXiv id)
 * @param totalParams total parameters (the headline figure)
 * @param activeParams parameters active per token, or null when not known
 * @param architecture the architecture when counted from a config
 * @param count the exact count when counted from a config
 * @param otherFigures further figures from other sources (where sources disagree)
 * @param note a caveat that goes with the headline figure, or null
 */
public record ResolvedModel(
    String id,
    String name,
    String organisation,
    String status,
    String source,
    String shortSource,
    long totalParams,
    Long activeParams,
    Optional<ModelArchitecture> architecture,
    Optional<ParameterCount> count,
    List<ParamFigure> otherFigures,
    String note) {

  public ResolvedModel {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(count, "count");
    otherFigures = List.copyOf(otherFigures);
    if (totalParams < 0) {
      throw new IllegalArgumentException("totalParams must not be negative: " + totalParams);
    }
  }

  /** The id when from the catalog, else the name. */
  public String label() {
    return id != null ? id : name;
  }
}
