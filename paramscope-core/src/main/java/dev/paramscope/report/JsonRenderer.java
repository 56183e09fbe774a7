package dev.paramscope.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Renders a report's entries as JSON: raw numbers, documented snake_case keys sorted
 * alphabetically, two-space indentation, {@code \n} line ends. Title and notes are left out.
 */
public final class JsonRenderer {
  private JsonRenderer() {}

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .enable(SerializationFeature.INDENT_OUTPUT);
  private static final DefaultPrettyPrinter PRINTER = new DefaultPrettyPrinter()
      .withObjectIndenter(new DefaultIndenter("  ", "\n"))
      .withArrayIndenter(new DefaultIndenter("  ", "\n"));

  static String render(Report report) {
    try {
      return MAPPER.writer(PRINTER).writeValueAsString(sorted(toTree(report.entries()))) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
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

  /** A copy with every object's keys in alphabetical order (Jackson keeps insertion order). */
  static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      java.util.List<String> names = new java.util.ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      java.util.Collections.sort(names);
      for (String name : names) {
        out.set(name, sorted(node.get(name)));
      }
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      node.forEach(child -> out.add(sorted(child)));
      return out;
    }
    return node;
  }
}
