package dev.paramscope.report;

import java.util.List;

/**
 * Renders a report as RFC 4180 CSV with raw values. A report with tables writes each table
 * (header row, then rows; tables separated by a blank line); a report of fields only writes
 * {@code key,value} rows with dotted keys for groups ({@code breakdown.attention}).
 */
final class CsvRenderer {
  private CsvRenderer() {}

  static String render(Report report) {
    StringBuilder out = new StringBuilder();
    boolean anyTable = report.entries().stream().anyMatch(e -> e instanceof Entry.Table);
    if (anyTable) {
      for (Entry e : report.entries()) {
        if (e instanceof Entry.Table t) {
          if (out.length() > 0) {
            out.append('\n');
          }
          appendTable(out, t);
        }
      }
    } else {
      out.append("key,value\n");
      appendFields(out, report.entries(), "");
    }
    return out.toString();
  }

  private static void appendTable(StringBuilder out, Entry.Table table) {
    out.append(String.join(",", table.columns().stream().map(CsvRenderer::quote).toList())).append('\n');
    for (List<Value> row : table.rows()) {
      for (int c = 0; c < row.size(); c++) {
        if (c > 0) {
          out.append(',');
        }
        out.append(quote(raw(row.get(c))));
      }
      out.append('\n');
    }
  }

  private static void appendFields(StringBuilder out, List<Entry> entries, String prefix) {
    for (Entry e : entries) {
      if (e instanceof Entry.Field f) {
        out.append(quote(prefix + f.key())).append(',').append(quote(raw(f.value()))).append('\n');
      } else if (e instanceof Entry.Group g) {
        appendFields(out, g.entries(), prefix + g.key() + ".");
      }
    }
  }

  static String raw(Value value) {
    if (value instanceof Value.Missing) {
      return "";
    }
    return JsonRenderer.text(value);
  }

  /** RFC 4180 quoting, after escaping control characters ({@link ControlCharacters}): a CSV is often viewed in a terminal. */
  static String quote(String raw) {
    String text = ControlCharacters.escape(raw);
    if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
      return text;
    }
    return '"' + text.replace("\"", "\"\"") + '"';
  }
}
