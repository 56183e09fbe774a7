package dev.paramscope.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paramscope.units.ByteUnit;
import dev.paramscope.units.Lang;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ReportFormatTest {
  private static Report sample() {
    return Report.builder(Message.of("title.count", "Llama-3.1-8B"))
        .text("model", "Llama-3.1-8B")
        .count("total_params", 8_030_261_248L)
        .entry(new Entry.Group("breakdown", List.of(
            new Entry.Field("embeddings", new Value.Count(525_336_576L)),
            new Entry.Field("attention", new Value.Count(1_342_177_280L)))))
        .flag("tied_embeddings", false)
        .entry(new Entry.Table("precisions", List.of("name", "bits_per_param", "bytes"), List.of(
            List.of(new Value.Text("BF16"), new Value.Decimal(16, "%.2f"), new Value.Bytes(16_060_522_496L)),
            List.of(new Value.Text("Q8_0, \"pure\""), new Value.Decimal(8.5, "%.2f"), new Value.Bytes(8_532_152_576L)))))
        .note("note.size.units")
        .build();
  }

  @Test
  void jsonHasRawValuesAndSortedKeys() {
    String json = ReportFormat.JSON.render(sample(), RenderOptions.defaults());
    assertThat(json).isEqualTo("""
        {
          "breakdown" : {
            "attention" : 1342177280,
            "embeddings" : 525336576
          },
          "model" : "Llama-3.1-8B",
          "precisions" : [
            {
              "bits_per_param" : 16.0,
              "bytes" : 16060522496,
              "name" : "BF16"
            },
            {
              "bits_per_param" : 8.5,
              "bytes" : 8532152576,
              "name" : "Q8_0, \\"pure\\""
            }
          ],
          "tied_embeddings" : false,
          "total_params" : 8030261248
        }
        """);
  }

  @Test
  void csvWritesFieldsThenEachTableAsASectionWithQuoting() {
    assertThat(ReportFormat.CSV.render(sample(), RenderOptions.defaults())).isEqualTo("""
        key,value
        model,Llama-3.1-8B
        total_params,8030261248
        breakdown.embeddings,525336576
        breakdown.attention,1342177280
        tied_embeddings,false

        # precisions
        name,bits_per_param,bytes
        BF16,16.0,16060522496
        "Q8_0, ""pure\""",8.5,8532152576
        """);
  }

  @Test
  void csvOfOneTableAloneIsThatTable() {
    Report report = Report.builder(Message.of("title.count", "x"))
        .entry(new Entry.Table("rows", List.of("name", "bytes"), List.of(
            List.of(new Value.Text("a"), new Value.Bytes(1)))))
        .build();
    assertThat(ReportFormat.CSV.render(report, RenderOptions.defaults())).isEqualTo("""
        name,bytes
        a,1
        """);
  }

  @Test
  void csvNamesTablesInsideGroupsByTheirPath() {
    Report report = Report.builder(Message.of("title.count", "x"))
        .entry(new Entry.Group("shard", List.of(
            new Entry.Table("tensors", List.of("name"), List.of(List.of(new Value.Text("w")))),
            new Entry.Field("bytes", new Value.Bytes(7)))))
        .build();
    assertThat(ReportFormat.CSV.render(report, RenderOptions.defaults())).isEqualTo("""
        key,value
        shard.bytes,7

        # shard.tensors
        name
        w
        """);
  }

  @Test
  void tableAlignsAndFormatsForPeople() {
    String table = ReportFormat.TABLE.render(sample(), RenderOptions.defaults());
    assertThat(table).isEqualTo("""
        Llama-3.1-8B: parameters
          Model             Llama-3.1-8B
          Total parameters  8,030,261,248  (8.03 B)
          Breakdown
            Embeddings    525,336,576  (525 M)
            Attention   1,342,177,280  (1.34 B)
          Tied embeddings   no

          Name          Bits/param  Bytes GB
          ------------  ----------  --------
          BF16               16.00      16.1
          Q8_0, "pure"        8.50      8.53

        GB = 10^9 bytes, GiB = 2^30 bytes. Use --units gib for GiB.
        """);
  }

  @Test
  void chineseTableUsesChineseWordsAndScales() {
    String table = ReportFormat.TABLE.render(sample(), new RenderOptions(Lang.ZH, ByteUnit.GIB));
    assertThat(table).startsWith("Llama-3.1-8B：参数量\n");
    assertThat(table).contains("参数总量").contains("(80.3 亿)").contains("字节 GiB").contains("  15.0\n");
    assertThat(table).contains("共享嵌入权重").contains("否");
  }

  @Test
  void markdownHasHeadingAndAlignedColumns() {
    String md = ReportFormat.MARKDOWN.render(sample(), RenderOptions.defaults());
    assertThat(md).startsWith("### Llama-3.1-8B: parameters\n\n| | |\n|---|---:|\n");
    assertThat(md).contains("| Breakdown › Attention | 1,342,177,280  (1.34 B) |");
    assertThat(md).contains("| Name | Bits/param | Bytes (GB) |\n|---|---:|---:|\n| BF16 | 16.00 | 16.1 |");
    assertThat(md).contains("| Q8_0, \"pure\" |");
  }

  @Test
  void bundlesHaveTheSameKeysInBothLanguages() throws IOException {
    Properties en = load("messages.properties");
    Properties zh = load("messages_zh.properties");
    assertThat(zh.stringPropertyNames()).isEqualTo(en.stringPropertyNames());
  }

  @Test
  void formatsParse() {
    assertThat(ReportFormat.parse("md")).isEqualTo(ReportFormat.MARKDOWN);
    assertThat(ReportFormat.parse("JSON")).isEqualTo(ReportFormat.JSON);
    assertThatThrownBy(() -> ReportFormat.parse("xml")).hasMessageContaining("table, json, csv or markdown");
  }

  /** Every text goes through MessageFormat, where a lone ' starts a quote and vanishes ("the models"). */
  @Test
  void everyApostropheInTheBundlesIsDoubled() throws IOException {
    for (String bundle : List.of("messages.properties", "messages_zh.properties")) {
      load(bundle).forEach((key, text) -> assertThat(((String) text).replace("''", ""))
          .as("%s in %s", key, bundle).doesNotContain("'"));
    }
  }

  @Test
  void keysMustBeSnakeCase() {
    assertThatThrownBy(() -> new Entry.Field("Total Params", new Value.Missing()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Properties load(String name) throws IOException {
    Properties p = new Properties();
    try (InputStream in = ReportFormatTest.class.getResourceAsStream("/dev/paramscope/report/" + name)) {
      p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return p;
  }
}
