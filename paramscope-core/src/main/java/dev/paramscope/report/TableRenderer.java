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
    out.append(safe(messages.format(report.title()))).append('\n');
    appendEntries(out, report.entries(), options, "  ");
    if (!report.notes().isEmpty()) {
      out.append('\n');
      for (Message note : report.notes()) {
        out.append(TextWidth.wrap(safe(messages.format(note)), WIDTH, "  ")).append('\n');
      }
    }
    return out.toString();
  }

  private static void appendEntries(StringBuilder out, List<Entry> entries, RenderOptions options, String indent) {
    int labelWidth = 0;
    int countWidth = 0;
    for (Entry e : entries) {
      if (e instanceof Entry.Field f && !(f.value() instanceof Value.Missing)) {
        labelWidth = Math.max(labelWidth, TextWidth.of(safe(options.messages().label(e.key()))));
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
        out.append(indent).append(TextWidth.padRight(safe(options.messages().label(f.key())), labelWidth))
            .append("  ").append(safe(fieldValue(f.value(), options, countWidth))).append('\n');
      } else if (e instanceof Entry.Group g) {
        out.append(indent).append(safe(options.messages().label(g.key()))).append('\n');
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
      String label = safe(options.messages().column(table.columns().get(c)));
      String unit = ColumnUnits.headerUnit(table, c, bytesOnly, captioned, options);
      header.add(unit != null ? label + " " + unit : label);
    }
    List<String[]> cells = new ArrayList<>();
    List<int[]> cellWidths = new ArrayList<>();
    int[] widths = new int[header.size()];
    boolean[] numeric = new boolean[header.size()];
    String[] headerCells = header.toArray(new String[0]);
    int[] headerWidths = new int[headerCells.length];
    for (int c = 0; c < headerCells.length; c++) {
      headerWidths[c] = TextWidth.of(headerCells[c]);
      widths[c] = headerWidths[c];
    }
    for (List<Value> row : table.rows()) {
      String[] line = new String[row.size()];
      int[] lineWidths = new int[row.size()];
      for (int c = 0; c < line.length; c++) {
        String cell = safe(bytesOnly[c] ? ColumnUnits.bare(row.get(c), options) : HumanValues.cell(row.get(c), options));
        numeric[c] |= HumanValues.isNumeric(row.get(c));
        line[c] = cell;
        lineWidths[c] = TextWidth.of(cell);
        widths[c] = Math.max(widths[c], lineWidths[c]);
      }
      cells.add(line);
      cellWidths.add(lineWidths);
    }
    appendRow(out, headerCells, headerWidths, widths, numeric, indent);
    String[] rule = new String[widths.length];
    for (int c = 0; c < widths.length; c++) {
      rule[c] = "-".repeat(widths[c]);
    }
    appendRow(out, rule, widths, widths, numeric, indent);
    for (int r = 0; r < cells.size(); r++) {
      appendRow(out, cells.get(r), cellWidths.get(r), widths, numeric, indent);
    }
    if (captioned) {
      out.append(indent).append(options.messages().format(
          Message.of("caption.sizes", options.byteUnit().label()))).append('\n');
    }
  }

  /**
   * One row, cells padded to their column's width (numbers on the left), trailing whitespace
   * stripped; written straight into {@code out} with each cell's width known.
   */
  private static void appendRow(StringBuilder out, String[] cells, int[] cellWidths, int[] widths,
      boolean[] numeric, String indent) {
    int start = out.length();
    out.append(indent);
    for (int c = 0; c < cells.length; c++) {
      if (c > 0) {
        out.append("  ");
      }
      int padding = widths[c] - cellWidths[c];
      if (numeric[c]) {
        spaces(out, padding);
        out.append(cells[c]);
      } else {
        out.append(cells[c]);
        spaces(out, padding);
      }
    }
    int end = out.length(); // what String.stripTrailing would leave of the line
    while (end > start && Character.isWhitespace(out.charAt(end - 1))) {
      end--;
    }
    out.setLength(end);
    out.append('\n');
  }

  /** Text from files (names, metadata) with its control characters escaped, so it cannot drive the terminal. */
  private static String safe(String text) {
    return ControlCharacters.escape(text);
  }

  private static void spaces(StringBuilder out, int count) {
    for (int i = 0; i < count; i++) {
      out.append(' ');
    }
  }
}
