package dev.paramscope.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paramscope.catalog.Catalog;
import dev.paramscope.catalog.CatalogEntry;
import dev.paramscope.query.CatalogQuery;
import dev.paramscope.query.CountQuery;
import dev.paramscope.query.FlopsQuery;
import dev.paramscope.query.HardwareQuery;
import dev.paramscope.query.ModelSource;
import dev.paramscope.query.ScaleQuery;
import dev.paramscope.query.SeedQuery;
import dev.paramscope.query.SizeQuery;
import dev.paramscope.units.Lang;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonRenderer} writes JSON by hand; these tests hold it to the bytes jackson-core's
 * generator with the same pretty printer writes, for every catalog model's reports and for
 * reports built to hit every escape, empty container and value kind.
 */
class JsonRendererTest {
  private static final DefaultPrettyPrinter PRINTER = new DefaultPrettyPrinter()
      .withObjectIndenter(new DefaultIndenter("  ", "\n"))
      .withArrayIndenter(new DefaultIndenter("  ", "\n"));

  /** The reference: the report streamed through Jackson's generator, as the renderer did before. */
  private static String jackson(Report report) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = new ObjectMapper().getFactory().createGenerator(out)) {
      g.setPrettyPrinter(new DefaultPrettyPrinter(PRINTER));
      object(g, report.entries());
    }
    return out + "\n";
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
        Map<String, List<Value>> rows = new TreeMap<>();
        for (List<Value> row : t.rows()) {
          rows.put(JsonRenderer.raw(row.get(0)).asText(), row);
        }
        g.writeStartObject();
        for (Map.Entry<String, List<Value>> row : rows.entrySet()) {
          g.writeFieldName(row.getKey());
          row(g, t.columns().subList(1, t.columns().size()), row.getValue().subList(1, row.getValue().size()));
        }
        g.writeEndObject();
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
    g.writeTree(JsonRenderer.raw(value));
  }

  private static void sameAsJackson(Report report) throws IOException {
    String ours = JsonRenderer.render(report);
    assertThat(ours).isEqualTo(jackson(report));
    new ObjectMapper().readTree(ours); // and it parses
  }

  @Test
  void writesEveryCatalogModelsReportsAsJacksonDoes() throws IOException {
    sameAsJackson(SeedQuery.report());
    sameAsJackson(CatalogQuery.report(null));
    sameAsJackson(HardwareQuery.report(null));
    sameAsJackson(ScaleQuery.report(1e24, 0, 0, null));
    for (CatalogEntry entry : Catalog.builtIn().entries()) {
      var model = ModelSource.resolve(entry.id(), null);
      sameAsJackson(CountQuery.report(model));
      sameAsJackson(SizeQuery.report(model, Lang.ZH));
      if (model.architecture().isPresent()) {
        sameAsJackson(FlopsQuery.report(model, 8192, true));
      }
    }
  }

  @Test
  void escapesAndEmptyContainersAsJacksonDoes() throws IOException {
    StringBuilder every = new StringBuilder();
    for (char c = 0; c < 0x80; c++) {
      every.append(c);
    }
    every.append("é中😀\u2028\u2029\u007f\ud800");
    List<Entry> entries = new ArrayList<>();
    entries.add(new Entry.Field("text", new Value.Text(every.toString())));
    entries.add(new Entry.Field("labelled", new Value.Labelled("raw \"quoted\"\n", "shown")));
    entries.add(new Entry.Field("term", new Value.Term("exact")));
    entries.add(new Entry.Field("count", new Value.Count(Long.MIN_VALUE)));
    entries.add(new Entry.Field("bytes", new Value.Bytes(Long.MAX_VALUE)));
    entries.add(new Entry.Field("int", new Value.Int(-1)));
    entries.add(new Entry.Field("decimals", new Value.Decimal(1e-7, Value.Decimal.EXACT)));
    entries.add(new Entry.Field("decimal_big", new Value.Decimal(1.2345678901234567e21, "%.2f")));
    entries.add(new Entry.Field("nan", new Value.Decimal(Double.NaN, "%.2f")));
    entries.add(new Entry.Field("flag", new Value.Flag(true)));
    entries.add(new Entry.Field("missing", new Value.Missing()));
    entries.add(new Entry.Group("empty_group", List.of()));
    entries.add(new Entry.Group("group", List.of(new Entry.Group("inner", List.of(
        new Entry.Field("z", new Value.Int(1)), new Entry.Field("a", new Value.Flag(false)))))));
    entries.add(new Entry.Table("empty_table", List.of("a", "b"), List.of()));
    entries.add(new Entry.Table("table", List.of("name", "value"), List.of(
        List.of(new Value.Text("x\ty"), new Value.Decimal(0.1 + 0.2, Value.Decimal.EXACT)),
        List.of(new Value.Text(""), new Value.Missing()))));
    entries.add(Entry.Table.keyed("keyed", List.of("type", "tensors", "bytes"), List.of(
        List.of(new Value.Text("Q4_K"), new Value.Int(3), new Value.Bytes(144)),
        List.of(new Value.Text("F32"), new Value.Int(1), new Value.Bytes(4)))));
    entries.add(Entry.Table.keyed("empty_keyed", List.of("type", "n"), List.of()));
    entries.add(Entry.Table.keyed("only_key", List.of("type"), List.of(List.of(new Value.Int(7)))));
    sameAsJackson(new Report(Message.of("title"), entries, List.of()));
    sameAsJackson(new Report(Message.of("title"), List.of(), List.of()));
  }
}
