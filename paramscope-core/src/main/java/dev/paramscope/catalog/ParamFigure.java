package dev.paramscope.catalog;

import java.util.Objects;

/**
 * One published parameter figure for a model, with where it comes from.
 *
 * @param totalParams all learned parameters, a plain count (not billions); positive
 * @param activeParams parameters used per token for mixture-of-experts models, or null when the
 *     source states none; when present, positive and at most {@code totalParams}
 * @param status how far the figure can be trusted
 * @param source citation and URL of the figure (never blank)
 * @param note the source's own caveat or context; "" when none
 */
public record ParamFigure(
    long totalParams, Long activeParams, FigureStatus status, String source, String note) {

  public ParamFigure {
    if (totalParams <= 0) {
      throw new IllegalArgumentException("total_params (" + totalParams + ") must be positive");
    }
    if (activeParams != null && (activeParams <= 0 || activeParams > totalParams)) {
      throw new IllegalArgumentException(
          "active_params (" + activeParams + ") must be positive and at most total_params ("
              + totalParams + ")");
    }
    Objects.requireNonNull(status, "status");
    if (source == null || source.isBlank()) {
      throw new IllegalArgumentException("source must not be blank");
    }
    note = note == null ? "" : note;
  }
}
