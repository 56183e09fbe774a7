package dev.paramscope.report;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonRenderer}'s layout (pinned on a small report) and its content: every catalog
 * model's reports, and a report built to hit every escape, empty container and value kind,
 * parse back to the report's tree.
 */
class JsonRendererTest {

  private static void sameAsJackson(Report report) throws IOException {
    String ours = JsonRenderer.render(report);
    ObjectMapper mapper = new ObjectMapper();
    assertThat(mapper.readTree(ours)).isEqualTo(mapper.readTree(JsonRenderer.toTree(report.entries()).toString()));
    assertThat(ours).endsWith("\n").doesNotContain("\r");
  }

  @Test
  void layoutIsTwoSpaceIndentsWithSortedKeys() {
    List<Entry> entries = List.of(
        new Entry.Field("b", new Value.Text("tab\tquote\"\u0001")),
        new Entry.Field("a", new Value.Decimal(0.5, Value.Decimal.EXACT)),
        new Entry.Group("empty", List.of()),
        new Entry.Table("rows", List.of("z", "y"), List.of(List.of(new Value.Int(1), new Value.Flag(true)))),
        new Entry.Table("none", List.of("z"), List.of()));
    assertThat(JsonRenderer.render(new Report(Message.of("title"), entries, List.of()))).isEqualTo("""
        {
          "a" : 0.5,
          "b" : "tab\\tquote\\"\\u0001",
          "empty" : { },
          "none" : [ ],
          "rows" : [
            {
              "y" : true,
              "z" : 1
            }
          ]
        }
        """);
    assertThat(JsonRenderer.quote("a\"\n\u001f")).isEqualTo("\"a\\\"\\n\\u001F\"");
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
