package dev.paramscope.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders a report's entries as JSON: raw numbers, documented snake_case keys sorted
 * alphabetically, two-space indentation, {@code \n} line ends. Title and notes are left out.
 */
public final class JsonRenderer {
  private JsonRenderer() {}

  /**
   * Writes the entries as text directly: jackson-core's generator, pretty printer and their
   * initialisation were a quarter of a cold {@code inspect --format json} of a sharded checkpoint
   * (issue 6). The layout is exactly what Jackson's {@code DefaultPrettyPrinter} with two-space
   * object and array indenters writes ({@code "key" : value}, {@code { }} and {@code [ ]} when
   * empty), and strings are escaped as Jackson escapes them; {@code JsonRendererTest} holds the two
   * to the same bytes.
   */
  static String render(Report report) {
    StringBuilder out = new StringBuilder(4096);
    writeObject(out, report.entries(), 0);
    return out.append('\n').toString();
  }

  private static void writeObject(StringBuilder out, List<Entry> entries, int level) {
    Map<String, Entry> byKey = new TreeMap<>();
    for (Entry e : entries) {
      byKey.put(e.key(), e);
    }
    if (byKey.isEmpty()) {
      out.append("{ }");
      return;
    }
    out.append('{');
    boolean first = true;
    for (Entry entry : byKey.values()) {
      name(out, entry.key(), level + 1, first);
      first = false;
      if (entry instanceof Entry.Field f) {
        write(out, f.value());
      } else if (entry instanceof Entry.Group group) {
        writeObject(out, group.entries(), level + 1);
      } else if (entry instanceof Entry.Table t && t.keyed()) {
        Map<String, List<Value>> rows = new TreeMap<>();
        for (List<Value> row : t.rows()) {
          rows.put(text(row.get(0)), row);
        }
        if (rows.isEmpty()) {
          out.append("{ }");
          continue;
        }
        out.append('{');
        boolean firstRow = true;
        List<String> columns = t.columns().subList(1, t.columns().size());
        int[] order = sortedColumns(columns);
        String[] quoted = quotedNames(columns, order);
        for (Map.Entry<String, List<Value>> row : rows.entrySet()) {
          name(out, row.getKey(), level + 2, firstRow);
          firstRow = false;
          writeRow(out, quoted, order, row.getValue().subList(1, row.getValue().size()), level + 2);
        }
        newline(out, level + 1);
        out.append('}');
      } else if (entry instanceof Entry.Table t) {
        if (t.rows().isEmpty()) {
          out.append("[ ]");
          continue;
        }
        out.append('[');
        boolean firstRow = true;
        int[] order = sortedColumns(t.columns());
        String[] quoted = quotedNames(t.columns(), order);
        for (List<Value> row : t.rows()) {
          if (!firstRow) {
            out.append(',');
          }
          firstRow = false;
          newline(out, level + 2);
          writeRow(out, quoted, order, row, level + 2);
        }
        newline(out, level + 1);
        out.append(']');
      }
    }
    newline(out, level);
    out.append('}');
  }

  /**
   * The column indexes in name order, as a sorted map of one row would iterate them (of equal
   * names, the last): worked out once per table, not once per row.
   */
  private static int[] sortedColumns(List<String> columns) {
    Map<String, Integer> byName = new TreeMap<>();
    for (int c = 0; c < columns.size(); c++) {
      byName.put(columns.get(c), c);
    }
    int[] order = new int[byName.size()];
    int i = 0;
    for (int c : byName.values()) {
      order[i++] = c;
    }
    return order;
  }

  /** Each column's name as a JSON string with its separator, in {@code order}: once per table. */
  private static String[] quotedNames(List<String> columns, int[] order) {
    String[] quoted = new String[order.length];
    for (int i = 0; i < order.length; i++) {
      StringBuilder name = new StringBuilder();
      string(name, columns.get(order[i]));
      quoted[i] = name.append(" : ").toString();
    }
    return quoted;
  }

  private static void writeRow(StringBuilder out, String[] quotedNames, int[] order, List<Value> row, int level) {
    if (order.length == 0) {
      out.append("{ }");
      return;
    }
    out.append('{');
    for (int i = 0; i < order.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      newline(out, level + 1);
      out.append(quotedNames[i]);
      write(out, row.get(order[i]));
    }
    newline(out, level);
    out.append('}');
  }

  private static void name(StringBuilder out, String name, int level, boolean first) {
    if (!first) {
      out.append(',');
    }
    newline(out, level);
    string(out, name);
    out.append(" : ");
  }

  /** A newline and {@code level} two-space indents, for the levels reports use: one append a line. */
  private static final String[] NEWLINES = new String[8];

  static {
    for (int level = 0; level < NEWLINES.length; level++) {
      NEWLINES[level] = "\n" + "  ".repeat(level);
    }
  }

  private static void newline(StringBuilder out, int level) {
    if (level < NEWLINES.length) {
      out.append(NEWLINES[level]);
      return;
    }
    out.append('\n');
    for (int i = 0; i < level; i++) {
      out.append("  ");
    }
  }

  private static void write(StringBuilder out, Value value) {
    if (value instanceof Value.Count c) {
      out.append(c.value());
    } else if (value instanceof Value.Bytes b) {
      out.append(b.value());
    } else if (value instanceof Value.Int i) {
      out.append(i.value());
    } else if (value instanceof Value.Decimal d) {
      out.append(Double.isFinite(d.value()) ? Double.toString(d.value()) : "null");
    } else if (value instanceof Value.Text t) {
      string(out, t.value());
    } else if (value instanceof Value.Labelled l) {
      string(out, l.raw());
    } else if (value instanceof Value.Term t) {
      string(out, t.key());
    } else if (value instanceof Value.Flag f) {
      out.append(f.value());
    } else {
      out.append("null");
    }
  }

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  /** {@code text} as a JSON string literal, escaped as {@link #render} escapes strings. */
  public static String quote(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2);
    string(out, text);
    return out.toString();
  }

  /**
   * A JSON string as Jackson writes it: quote and backslash escaped, control characters as the
   * short escapes (b, t, n, f, r) or as a six-character escape with upper-case hex, the rest as is.
   */
  static void string(StringBuilder out, String text) {
    out.append('"');
    // Most strings (names, paths, numbers as text) need no escape: checked on a copy of the
    // characters (an array loop, where charAt is a call chain a cold JVM interprets per
    // character) and then appended whole.
    char[] chars = text.toCharArray();
    int plain = 0;
    while (plain < chars.length && chars[plain] >= 0x20 && chars[plain] != '"' && chars[plain] != '\\') {
      plain++;
    }
    if (plain == chars.length) {
      out.append(text).append('"');
      return;
    }
    out.append(chars, 0, plain);
    for (int i = plain; i < chars.length; i++) {
      char c = chars[i];
      switch (c) {
        case '"': out.append("\\\""); break;
        case '\\': out.append("\\\\"); break;
        case '\b': out.append("\\b"); break;
        case '\t': out.append("\\t"); break;
        case '\n': out.append("\\n"); break;
        case '\f': out.append("\\f"); break;
        case '\r': out.append("\\r"); break;
        default:
          if (c < 0x20) {
            out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
          } else {
            out.append(c);
          }
      }
    }
    out.append('"');
  }

  /** The report's entries as a Jackson tree, for library users (the CLI and web API write {@link #render}'s text). */
  public static ObjectNode toTree(List<Entry> entries) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    for (Entry entry : entries) {
      if (entry instanceof Entry.Field f) {
        node.set(f.key(), raw(f.value()));
      } else if (entry instanceof Entry.Group g) {
        node.set(g.key(), toTree(g.entries()));
      } else if (entry instanceof Entry.Table t && t.keyed()) {
        ObjectNode rows = node.putObject(t.key());
        for (List<Value> row : t.rows()) {
          ObjectNode object = rows.putObject(raw(row.get(0)).asText());
          for (int c = 1; c < t.columns().size(); c++) {
            object.set(t.columns().get(c), raw(row.get(c)));
          }
        }
      } else if (entry instanceof Entry.Table t) {
        ArrayNode rows = node.putArray(t.key());
        for (List<Value> row : t.rows()) {
          ObjectNode object = rows.addObject();
          for (int c = 0; c < t.columns().size(); c++) {
            object.set(t.columns().get(c), raw(row.get(c)));
          }
        }
      }
    }
    return node;
  }

  /** A value as text, as {@code raw(value).asText()} gives it (the key of a keyed table, a CSV cell). */
  static String text(Value value) {
    if (value instanceof Value.Count c) {
      return Long.toString(c.value());
    } else if (value instanceof Value.Bytes b) {
      return Long.toString(b.value());
    } else if (value instanceof Value.Int i) {
      return Long.toString(i.value());
    } else if (value instanceof Value.Decimal d) {
      return Double.isFinite(d.value()) ? Double.toString(d.value()) : "null";
    } else if (value instanceof Value.Text t) {
      return t.value();
    } else if (value instanceof Value.Labelled l) {
      return l.raw();
    } else if (value instanceof Value.Term t) {
      return t.key();
    } else if (value instanceof Value.Flag f) {
      return Boolean.toString(f.value());
    }
    return "null";
  }

  static JsonNode raw(Value value) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (value instanceof Value.Count c) {
      return f.numberNode(c.value());
    } else if (value instanceof Value.Bytes b) {
      return f.numberNode(b.value());
    } else if (value instanceof Value.Int i) {
      return f.numberNode(i.value());
    } else if (value instanceof Value.Decimal d) {
      return Double.isFinite(d.value()) ? f.numberNode(d.value()) : f.nullNode();
    } else if (value instanceof Value.Text t) {
      return f.textNode(t.value());
    } else if (value instanceof Value.Labelled l) {
      return f.textNode(l.raw());
    } else if (value instanceof Value.Term t) {
      return f.textNode(t.key());
    } else if (value instanceof Value.Flag b) {
      return f.booleanNode(b.value());
    }
    return f.nullNode();
  }
}
