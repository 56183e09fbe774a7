package dev.paramscope.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders a report as RFC 4180 CSV with raw values, carrying every value the JSON carries.
 *
 * <ul>
 *   <li>A report of fields only: {@code key,value} rows, dotted keys for groups
 *       ({@code breakdown.attention}).
 *   <li>A report of one table only: its header row, then its rows.
 *   <li>Anything else: sections separated by one blank line. The fields section comes first
 *       ({@code key,value} rows as above); each table follows as a line {@code # <key>} (dotted
 *       for a table inside a group), its header row, then its rows. Split the file on blank
 *       lines and read each section as its own CSV ({@code pandas.read_csv(..., comment='#')}).
 * </ul>
 */
final class CsvRenderer {
  private CsvRenderer() {}

  static String render(Report report) {
    List<String[]> fields = new ArrayList<>();
    List<Named> tables = new ArrayList<>();
    collect(report.entries(), "", fields, tables);
    StringBuilder out = new StringBuilder();
    if (fields.isEmpty() && tables.size() == 1) {
      appendTable(out, tables.get(0).table());
      return out.toString();
    }
    if (!fields.isEmpty() || tables.isEmpty()) {
      out.append("key,value\n");
      for (String[] f : fields) {
        out.append(quote(f[0])).append(',').append(quote(f[1])).append('\n');
      }
    }
    for (Named named : tables) {
      if (out.length() > 0) {
        out.append('\n');
      }
      out.append("# ").append(quote(named.path())).append('\n');
      appendTable(out, named.table());
    }
    return out.toString();
  }

  private record Named(String path, Entry.Table table) {}

  /** Flattens fields to dotted keys and tables to dotted paths, in report order. */
  private static void collect(List<Entry> entries, String prefix, List<String[]> fields, List<Named> tables) {
    for (Entry e : entries) {
      if (e instanceof Entry.Field f) {
        fields.add(new String[] {prefix + f.key(), raw(f.value())});
      } else if (e instanceof Entry.Group g) {
        collect(g.entries(), prefix + g.key() + ".", fields, tables);
      } else if (e instanceof Entry.Table t) {
        tables.add(new Named(prefix + t.key(), t));
      }
    }
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
