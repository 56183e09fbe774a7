package dev.paramscope.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
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

  private static final DefaultPrettyPrinter PRINTER = new DefaultPrettyPrinter()
      .withObjectIndenter(new DefaultIndenter("  ", "\n"))
      .withArrayIndenter(new DefaultIndenter("  ", "\n"));

  private static final JsonFactory FACTORY = new JsonFactory();

  /**
   * Streams the entries with jackson-core's generator, keys sorted, so rendering needs no
   * data-binding machinery (it costs start-up time on every CLI run). The result equals
   * {@link #toTree} with every object's keys sorted, pretty-printed.
   */
  static String render(Report report) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.setPrettyPrinter(new DefaultPrettyPrinter(PRINTER));
      writeObject(g, report.entries());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out + "\n";
  }

  private static void writeObject(JsonGenerator g, List<Entry> entries) throws IOException {
    Map<String, Entry> byKey = new TreeMap<>();
    for (Entry e : entries) {
      byKey.put(e.key(), e);
    }
    g.writeStartObject();
    for (Entry entry : byKey.values()) {
      g.writeFieldName(entry.key());
      if (entry instanceof Entry.Field f) {
        write(g, f.value());
      } else if (entry instanceof Entry.Group group) {
        writeObject(g, group.entries());
      } else if (entry instanceof Entry.Table t && t.keyed()) {
        Map<String, List<Value>> rows = new TreeMap<>();
        for (List<Value> row : t.rows()) {
          rows.put(raw(row.get(0)).asText(), row);
        }
        g.writeStartObject();
        for (Map.Entry<String, List<Value>> row : rows.entrySet()) {
          g.writeFieldName(row.getKey());
          writeRow(g, t.columns().subList(1, t.columns().size()), row.getValue().subList(1, row.getValue().size()));
        }
        g.writeEndObject();
      } else if (entry instanceof Entry.Table t) {
        g.writeStartArray();
        for (List<Value> row : t.rows()) {
          writeRow(g, t.columns(), row);
        }
        g.writeEndArray();
      }
    }
    g.writeEndObject();
  }

  private static void writeRow(JsonGenerator g, List<String> columns, List<Value> row) throws IOException {
    Map<String, Value> sortedRow = new TreeMap<>();
    for (int c = 0; c < columns.size(); c++) {
      sortedRow.put(columns.get(c), row.get(c));
    }
    g.writeStartObject();
    for (Map.Entry<String, Value> cell : sortedRow.entrySet()) {
      g.writeFieldName(cell.getKey());
      write(g, cell.getValue());
    }
    g.writeEndObject();
  }

  private static void write(JsonGenerator g, Value value) throws IOException {
    if (value instanceof Value.Count c) {
      g.writeNumber(c.value());
    } else if (value instanceof Value.Bytes b) {
      g.writeNumber(b.value());
    } else if (value instanceof Value.Int i) {
      g.writeNumber(i.value());
    } else if (value instanceof Value.Decimal d) {
      if (Double.isFinite(d.value())) {
        g.writeNumber(d.value());
      } else {
        g.writeNull();
      }
    } else if (value instanceof Value.Text t) {
      g.writeString(t.value());
    } else if (value instanceof Value.Labelled l) {
      g.writeString(l.raw());
    } else if (value instanceof Value.Term t) {
      g.writeString(t.key());
    } else if (value instanceof Value.Flag f) {
      g.writeBoolean(f.value());
    } else {
      g.writeNull();
    }
  }

  /** The report's entries as a Jackson tree (what the web API returns). */
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
