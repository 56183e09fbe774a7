package dev.paramscope.catalog;

import java.util.Locale;

/**
 * How much a parameter figure can be trusted, strongest first.
 *
 * <p>The JSON key is the lowercase name used in {@code models.json}.
 */
public enum FigureStatus {
  /** Computed from a published config.json by our own counter. */
  EXACT("exact"),
  /** Stated by the model's maker (paper, model card, announcement). */
  OFFICIAL("official"),
  /** A third party's estimate, published with its method or caveat. */
  ESTIMATE("estimate"),
  /** Unconfirmed reporting or a figure shown without attribution. */
  RUMOUR("rumour");

  private final String jsonKey;

  FigureStatus(String jsonKey) {
    this.jsonKey = jsonKey;
  }

  /** The key used in the catalog resource, e.g. {@code "estimate"}. */
  public String jsonKey() {
    return jsonKey;
  }

  /**
   * Parses a JSON key (case-insensitive).
   *
   * @throws IllegalArgumentException naming the key and the accepted values
   */
  public static FigureStatus fromJsonKey(String key) {
    String wanted = key == null ? "" : key.toLowerCase(Locale.ROOT);
    for (FigureStatus status : values()) {
      if (status.jsonKey.equals(wanted)) {
        return status;
      }
    }
    throw new IllegalArgumentException(
        "status \"" + key + "\" is not one of exact, official, estimate, rumour");
  }
}
