package dev.paramscope.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders a report for a terminal: the title, fields as aligned "label  value" lines, groups
 * indented, tables with aligned columns (numbers right-aligned), then the notes.
 */
final class TableRenderer {
  private TableRenderer() {}

  /** Notes wrap to an 80-column terminal. */
  static final int WIDTH = 80;

  static String render(Report report, RenderOptions options) {
    Messages messages = options.messages();
    StringBuilder out = new StringBuilder();
    out.append(messages.format(report.title())).append('\n');
    appendEntries(out, report.entries(), options, "  ");
    if (!report.notes().isEmpty()) {
      out.append('\n');
      for (Message note : report.notes()) {
        out.append(TextWidth.wrap(messages.format(note), WIDTH, "  ")).append('\n');
      }
    }
    return out.toString();
  }

  private static void appendEntries(StringBuilder out, List<Entry> entries, RenderOptions options, String indent) {
    int labelWidth = 0;
    int countWidth = 0;
    for (Entry e : entries) {
      if (e instanceof Entry.Field f && !(f.value() instanceof Value.Missing)) {
        labelWidth = Math.max(labelWidth, TextWidth.of(options.messages().label(e.key())));
        if (f.value() instanceof Value.Count c) {
          countWidth = Math.max(countWidth, HumanValues.grouped(c.value()).length());
        }
      }
    }
    for (Entry e : entries) {
      if (e instanceof Entry.Field f) {
        if (f.value() instanceof Value.Missing) {
          continue;
        }
        out.append(indent).append(TextWidth.padRight(options.messages().label(f.key()), labelWidth))
            .append("  ").append(fieldValue(f.value(), options, countWidth)).append('\n');
      } else if (e instanceof Entry.Group g) {
        out.append(indent).append(options.messages().label(g.key())).append('\n');
        appendEntries(out, g.entries(), options, indent + "  ");
      } else if (e instanceof Entry.Table t && !t.rows().isEmpty() && !t.peopleColumns().isEmpty()) {
        out.append('\n');
        appendTable(out, t, options, indent);
      }
    }
  }

  /** Counts right-aligned on their exact digits so a breakdown reads as a column. */
  private static String fieldValue(Value value, RenderOptions options, int countWidth) {
    if (value instanceof Value.Count c) {
      String exact = TextWidth.padLeft(HumanValues.grouped(c.value()), countWidth);
      return Math.abs(c.value()) >= 1000 ? exact + "  (" + HumanValues.cell(value, options) + ")" : exact;
    }
    return HumanValues.field(value, options);
  }

  private static void appendTable(StringBuilder out, Entry.Table wide, RenderOptions options, String indent) {
    Entry.Table table = wide.forPeople();
    List<String> header = new ArrayList<>();
    boolean[] bytesOnly = ColumnUnits.bytesOnly(table);
    boolean captioned = ColumnUnits.captioned(bytesOnly);
    for (int c = 0; c < table.columns().size(); c++) {
      String label = options.messages().column(table.columns().get(c));
      header.add(bytesOnly[c] && !captioned ? label + " " + options.byteUnit().label() : label);
    }
    List<List<String>> cells = new ArrayList<>();
    int[] widths = new int[header.size()];
    boolean[] numeric = new boolean[header.size()];
    for (int c = 0; c < header.size(); c++) {
      widths[c] = TextWidth.of(header.get(c));
    }
    for (List<Value> row : table.rows()) {
      List<String> line = new ArrayList<>();
      for (int c = 0; c < row.size(); c++) {
        String cell = bytesOnly[c] ? ColumnUnits.bare(row.get(c), options) : HumanValues.cell(row.get(c), options);
        numeric[c] |= HumanValues.isNumeric(row.get(c));
        widths[c] = Math.max(widths[c], TextWidth.of(cell));
        line.add(cell);
      }
      cells.add(line);
    }
    appendRow(out, header, widths, numeric, indent);
    List<String> rule = new ArrayList<>();
    for (int width : widths) {
      rule.add("-".repeat(width));
    }
    appendRow(out, rule, widths, numeric, indent);
    for (List<String> line : cells) {
      appendRow(out, line, widths, numeric, indent);
    }
    if (captioned) {
      out.append(indent).append(options.messages().format(
          Message.of("caption.sizes", options.byteUnit().label()))).append('\n');
    }
  }

  private static void appendRow(StringBuilder out, List<String> cells, int[] widths, boolean[] numeric, String indent) {
    StringBuilder line = new StringBuilder(indent);
    for (int c = 0; c < cells.size(); c++) {
      if (c > 0) {
        line.append("  ");
      }
      line.append(numeric[c] ? TextWidth.padLeft(cells.get(c), widths[c]) : TextWidth.padRight(cells.get(c), widths[c]));
    }
    out.append(line.toString().stripTrailing()).append('\n');
  }
}
