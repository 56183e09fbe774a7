package dev.paramscope.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders a report as GitHub-flavoured Markdown: a heading, fields as a two-column table,
 * tables with right-aligned numeric columns, notes as a list. Values formatted for people.
 */
final class MarkdownRenderer {
  private MarkdownRenderer() {}

  static String render(Report report, RenderOptions options) {
    Messages messages = options.messages();
    StringBuilder out = new StringBuilder();
    out.append("### ").append(escape(messages.format(report.title()))).append("\n\n");
    List<List<String>> fieldRows = new ArrayList<>();
    collectFields(fieldRows, report.entries(), options, "");
    if (!fieldRows.isEmpty()) {
      out.append("| | |\n|---|---:|\n");
      for (List<String> row : fieldRows) {
        out.append("| ").append(escape(row.get(0))).append(" | ").append(escape(row.get(1))).append(" |\n");
      }
      out.append('\n');
    }
    for (Entry e : report.entries()) {
      if (e instanceof Entry.Table t && !t.rows().isEmpty() && !t.peopleColumns().isEmpty()) {
        appendTable(out, t, options);
        out.append('\n');
      }
    }
    for (Message note : report.notes()) {
      out.append("- ").append(escape(messages.format(note))).append('\n');
    }
    return out.toString();
  }

  private static void collectFields(List<List<String>> rows, List<Entry> entries, RenderOptions options, String prefix) {
    for (Entry e : entries) {
      if (e instanceof Entry.Field f) {
        if (f.value() instanceof Value.Missing) {
          continue;
        }
        rows.add(List.of(prefix + options.messages().label(f.key()), HumanValues.field(f.value(), options)));
      } else if (e instanceof Entry.Group g) {
        collectFields(rows, g.entries(), options, prefix + options.messages().label(g.key()) + " › ");
      }
    }
  }

  private static void appendTable(StringBuilder out, Entry.Table wide, RenderOptions options) {
    Entry.Table table = wide.forPeople();
    boolean[] numeric = new boolean[table.columns().size()];
    for (List<Value> row : table.rows()) {
      for (int c = 0; c < row.size(); c++) {
        numeric[c] |= HumanValues.isNumeric(row.get(c));
      }
    }
    boolean[] bytesOnly = ColumnUnits.bytesOnly(table);
    boolean captioned = ColumnUnits.captioned(bytesOnly);
    out.append('|');
    for (int c = 0; c < table.columns().size(); c++) {
      String label = options.messages().column(table.columns().get(c));
      String unit = ColumnUnits.headerUnit(table, c, bytesOnly, captioned, options);
      out.append(' ').append(escape(unit != null ? label + " (" + unit + ")" : label)).append(" |");
    }
    out.append("\n|");
    for (boolean n : numeric) {
      out.append(n ? "---:|" : "---|");
    }
    out.append('\n');
    for (List<Value> row : table.rows()) {
      out.append('|');
      for (int c = 0; c < row.size(); c++) {
        String cell = bytesOnly[c] ? ColumnUnits.bare(row.get(c), options) : HumanValues.cell(row.get(c), options);
        out.append(' ').append(escape(cell)).append(" |");
      }
      out.append('\n');
    }
    if (captioned) {
      out.append('\n').append(escape(options.messages().format(
          Message.of("caption.sizes", options.byteUnit().label())))).append('\n');
    }
  }

  /** Pipes escaped, newlines as spaces, other control characters as escapes ({@link ControlCharacters}). */
  private static String escape(String text) {
    return ControlCharacters.escape(text.replace("|", "\\|").replace("\n", " "));
  }
}
