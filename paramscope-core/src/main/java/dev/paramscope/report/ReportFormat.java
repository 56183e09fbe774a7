package dev.paramscope.report;

import java.util.Locale;

/** The output formats; each is bound to one pure renderer shared by the CLI and the web page. */
public enum ReportFormat {
  TABLE {
    @Override
    public String render(Report report, RenderOptions options) {
      return TableRenderer.render(report, options);
    }
  },
  JSON {
    @Override
    public String render(Report report, RenderOptions options) {
      return JsonRenderer.render(report);
    }
  },
  CSV {
    @Override
    public String render(Report report, RenderOptions options) {
      return CsvRenderer.render(report);
    }
  },
  MARKDOWN {
    @Override
    public String render(Report report, RenderOptions options) {
      return MarkdownRenderer.render(report, options);
    }
  };

  /** Renders the report; the result ends with a newline. */
  public abstract String render(Report report, RenderOptions options);

  /** Parses {@code table}, {@code json}, {@code csv}, {@code markdown} (or {@code md}). */
  public static ReportFormat parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("md")) {
      return MARKDOWN;
    }
    for (ReportFormat f : values()) {
      if (f.name().toLowerCase(Locale.ROOT).equals(t)) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown format '" + text + "' (expected table, json, csv or markdown)");
  }
}
