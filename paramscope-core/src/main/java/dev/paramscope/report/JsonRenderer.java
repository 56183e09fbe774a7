package dev.paramscope.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders a report's entries as JSON: raw numbers, documented snake_case keys sorted
 * alphabetically, two-space indentation, {@code \n} line ends. Title and notes are left out.
 */
public final class JsonRenderer {
  private JsonRenderer() {}

  private static final JsonFactory FACTORY = new JsonFactory();
  /** Two-space indents for objects and arrays, {@code "key" : value}, {@code { }} and {@code [ ]} when empty. */
  private static final DefaultPrettyPrinter PRINTER = new DefaultPrettyPrinter()
      .withObjectIndenter(new DefaultIndenter("  ", "\n"))
      .withArrayIndenter(new DefaultIndenter("  ", "\n"));

  /** The report's entries as pretty-printed JSON, keys sorted, with a final newline. */
  static String render(Report report) {
    StringWriter out = new StringWriter(4096);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.setPrettyPrinter(new DefaultPrettyPrinter(PRINTER));
      object(g, report.entries());
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return out.append('\n').toString();
  }

  private static void object(JsonGenerator g, List<Entry> entries) throws IOException {
    Map<String, Entry> byKey = new TreeMap<>();
    for (Entry e : entries) {
      byKey.put(e.key(), e);
    }
    g.writeStartObject();
    for (Entry entry : byKey.values()) {
      g.writeFieldName(entry.key());
      if (entry instanceof Entry.Field f) {
        value(g, f.value());
      } else if (entry instanceof Entry.Group group) {
        object(g, group.entries());
      } else if (entry instanceof Entry.Table t && t.keyed()) {
        keyedTable(g, t);
      } else if (entry instanceof Entry.Table t) {
        g.writeStartArray();
        for (List<Value> row : t.rows()) {
          row(g, t.columns(), row);
        }
        g.writeEndArray();
      }
    }
    g.writeEndObject();
  }

  /** A keyed table: an object from each row's first value to the rest of the row. */
  private static void keyedTable(JsonGenerator g, Entry.Table t) throws IOException {
    Map<String, List<Value>> rows = new TreeMap<>();
    for (List<Value> row : t.rows()) {
      rows.put(text(row.get(0)), row);
    }
    g.writeStartObject();
    for (Map.Entry<String, List<Value>> row : rows.entrySet()) {
      g.writeFieldName(row.getKey());
      row(g, t.columns().subList(1, t.columns().size()), row.getValue().subList(1, row.getValue().size()));
    }
    g.writeEndObject();
  }

  private static void row(JsonGenerator g, List<String> columns, List<Value> row) throws IOException {
    Map<String, Value> sorted = new TreeMap<>();
    for (int c = 0; c < columns.size(); c++) {
      sorted.put(columns.get(c), row.get(c));
    }
    g.writeStartObject();
    for (Map.Entry<String, Value> cell : sorted.entrySet()) {
      g.writeFieldName(cell.getKey());
      value(g, cell.getValue());
    }
    g.writeEndObject();
  }

  private static void value(JsonGenerator g, Value value) throws IOException {
    if (value instanceof Value.Count c) {
      g.writeNumber(c.value());
    } else if (value instanceof Value.Bytes b) {
      g.writeNumber(b.value());
    } else if (value instanceof Value.Int i) {
      g.writeNumber(i.value());
    } else if (value instanceof Value.Decimal d && Double.isFinite(d.value())) {
      g.writeNumber(d.value());
    } else if (value instanceof Value.Flag f) {
      g.writeBoolean(f.value());
    } else if (value instanceof Value.Text || value instanceof Value.Labelled || value instanceof Value.Term) {
      g.writeString(text(value));
    } else {
      g.writeNull();
    }
  }

  /** {@code text} as a JSON string literal, escaped as {@link #render} escapes strings. */
  public static String quote(String text) {
    return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
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
