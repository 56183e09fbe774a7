package dev.paramscope.count;

/**
 * One fact row: a model's architecture keys (typed from its published config.json) and its
 * exact parameter counts with their source. {@code active} and {@code extra} are null when
 * not asserted.
 */
record PublishedCount(String model, String configJson, long total, Long active, Long extra, String source) {
  static PublishedCount dense(String model, long total, String source, String json) {
    return new PublishedCount(model, json, total, null, null, source);
  }

  static PublishedCount sparse(String model, long total, long active, String source, String json) {
    return new PublishedCount(model, json, total, active, null, source);
  }

  PublishedCount withExtra(long extraParams) {
    return new PublishedCount(model, configJson, total, active, extraParams, source);
  }

  @Override
  public String toString() {
    return model;
  }
}
