package dev.paramscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paramscope.testing.SharedTestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Black-box tests of the command line: arguments in; exit code, stdout and stderr out. */
class CliTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void mainJobPrintsTheSeedComparison() {
    CliRun run = CliRun.of("--lang", "en");
    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    String out = run.out();
    // MEDEC (arXiv:2412.19260) estimates: GPT-4o ~200B, GPT-4o-mini ~8B, Claude 3.5 Sonnet ~175B.
    assertThat(out).containsPattern("gpt-4o +estimate +200 B +1600 ");
    assertThat(out).containsPattern("gpt-4o-mini +estimate +8.00 B +64.0 ");
    assertThat(out).containsPattern("claude-3.5-sonnet +estimate +175 B +1400 ");
    assertThat(out).containsPattern("llama-3.1-8b +exact +8.03 B");
    assertThat(out).contains("FP64").contains("INT4").contains("Sizes in GB.");
    assertThat(out).contains("arXiv:2412.19260");
    assertThat(out).contains("200B parameters × 8 bytes (FP64) = 1600 GB");
    assertThat(out).contains("paramscope count llama-3.1-8b");
    for (String line : out.split("\n")) {
      if (!line.strip().startsWith("https://")) {
        assertThat(line.length()).as("fits 80 columns: %s", line).isLessThanOrEqualTo(80);
      }
    }
  }

  @Test
  void mainJobInChinese() {
    CliRun run = CliRun.of("--lang", "zh");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("估计").contains("2000 亿").contains("80.3 亿").contains("精确");
  }

  @Test
  void countOfACatalogModelAsJson() throws IOException {
    CliRun run = CliRun.of("count", "llama-3.1-8b", "--format", "json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = JSON.readTree(run.out());
    // Llama-3.1-8B: 8,030,261,248 parameters (transformers from_config; HF safetensors index).
    assertThat(json.get("total_params").asLong()).isEqualTo(8_030_261_248L);
    assertThat(json.get("active_params").asLong()).isEqualTo(8_030_261_248L);
    assertThat(json.get("model_type").asText()).isEqualTo("llama");
    assertThat(json.get("tied_embeddings").asBoolean()).isFalse();
    assertThat(json.get("breakdown").get("embeddings").asLong()).isEqualTo(128_256L * 4096);
    assertThat(json.get("breakdown").get("lm_head").asLong()).isEqualTo(128_256L * 4096);
    long sum = 0;
    for (JsonNode part : json.get("breakdown")) {
      sum += part.asLong();
    }
    assertThat(sum).isEqualTo(8_030_261_248L);
  }

  @Test
  void countOfAMixtureOfExpertsFromTheSharedConfig() throws IOException {
    Path config = SharedTestData.require("configs/mistralai--Mixtral-8x7B-v0.1/config.json");
    CliRun run = CliRun.of("count", config.toString(), "--format", "json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = JSON.readTree(run.out());
    assertThat(json.get("total_params").asLong()).isEqualTo(46_702_792_704L);
    assertThat(json.get("active_params").asLong()).isEqualTo(12_879_925_248L);
    assertThat(json.get("breakdown").get("routed_experts").asLong()).isPositive();
  }

  @Test
  void countOfAClosedModelShowsItsEstimate() throws IOException {
    JsonNode json = JSON.readTree(CliRun.of("count", "gpt-4o", "--format", "json").out());
    assertThat(json.get("total_params").asLong()).isEqualTo(200_000_000_000L);
    assertThat(json.get("status").asText()).isEqualTo("estimate");
    assertThat(json.get("source").asText()).contains("2412.19260");
    assertThat(json.get("breakdown").isNull()).isTrue();
  }

  @Test
  void sizeListsEveryPrecisionWithExactBlockCosts() throws IOException {
    CliRun run = CliRun.of("size", "llama-3.1-8b", "--format", "json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode precisions = JSON.readTree(run.out()).get("precisions");
    assertThat(precisions).hasSize(18);
    JsonNode q80 = null;
    for (JsonNode p : precisions) {
      if (p.get("name").asText().equals("Q8_0")) {
        q80 = p;
      }
    }
    assertThat(q80).isNotNull();
    assertThat(q80.get("bits_per_param").asDouble()).isEqualTo(8.5);
    assertThat(q80.get("bytes").asLong()).isEqualTo(8_532_152_576L);
  }

  @Test
  void catalogFiltersAndWritesCsv() {
    CliRun run = CliRun.of("catalog", "--filter", "gpt-4o", "--format", "csv");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("id,name,organisation,total_params,active_params,status,source\n");
    assertThat(run.out()).contains("gpt-4o,").contains(",200000000000,").contains("gpt-4o-mini,");
  }

  @Test
  void compareGivesRatiosToTheFirst() throws IOException {
    CliRun run = CliRun.of("compare", "gpt-4o", "gpt-4o-mini", "claude-3.5-sonnet", "--format", "json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode models = JSON.readTree(run.out()).get("models");
    assertThat(models.get(1).get("ratio").asDouble()).isEqualTo(0.04);
    assertThat(models.get(2).get("ratio").asDouble()).isEqualTo(0.875);
    assertThat(models.get(0).get("bf16_bytes").asLong()).isEqualTo(400_000_000_000L);
    assertThat(models.get(0).get("int4_bytes").asLong()).isEqualTo(100_000_000_000L);
  }

  @ParameterizedTest
  @ValueSource(strings = {"table", "json", "csv", "markdown"})
  void everyFormatInBothLanguages(String format) {
    for (String lang : new String[] {"en", "zh"}) {
      for (String[] args : new String[][] {
          {"count", "qwen3-30b-a3b"}, {"size", "gpt-4o"}, {"catalog"}, {"compare", "gpt-4o", "llama-3.1-8b"}}) {
        String[] full = concat(args, "--format", format, "--lang", lang);
        CliRun run = CliRun.of(full);
        assertThat(run.exitCode()).as(String.join(" ", full) + ": " + run.err()).isZero();
        assertThat(run.out()).isNotBlank().endsWith("\n");
      }
    }
  }

  @Test
  void versionAndHelpWithExamples() {
    assertThat(CliRun.of("--version").out()).startsWith("paramscope ");
    for (String command : new String[] {"count", "size", "catalog", "compare"}) {
      CliRun run = CliRun.of(command, "--help");
      assertThat(run.exitCode()).isZero();
      assertThat(run.out()).contains("Examples:").contains("paramscope " + command);
    }
  }

  @Test
  void unknownFlagIsAUsageError() {
    CliRun run = CliRun.of("count", "llama-3.1-8b", "--frobnicate");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Unknown option: '--frobnicate'");
  }

  @Test
  void unknownSourceSuggestsCloseIds() {
    CliRun run = CliRun.of("count", "llama-3.1-8");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("paramscope: llama-3.1-8: no such file, and not a catalog id; did you mean:");
    assertThat(run.err()).contains("llama-3.1-8b");
    assertThat(run.err().strip().lines().count()).isEqualTo(1);
  }

  @Test
  void badConfigsGiveOneLineAndExitTwo(@TempDir Path dir) throws IOException {
    String[][] cases = {
        {"empty.json", ""},
        {"array.json", "[1, 2, 3]"},
        {"malformed.json", "{\"model_type\": \"llama\", "},
        {"deep.json", "[".repeat(100_000)},
        {"unknown.json", "{\"model_type\": \"frobnicator\", \"hidden_size\": 8}"},
        {"zero.json", "{\"model_type\": \"llama\", \"hidden_size\": 0, \"num_hidden_layers\": 2,"
            + " \"num_attention_heads\": 4, \"vocab_size\": 10, \"intermediate_size\": 8}"},
        {"heads.json", "{\"model_type\": \"llama\", \"hidden_size\": 64, \"num_hidden_layers\": 2,"
            + " \"num_attention_heads\": 8, \"num_key_value_heads\": 3, \"vocab_size\": 10, \"intermediate_size\": 8}"},
    };
    for (String[] c : cases) {
      Path file = dir.resolve(c[0]);
      Files.writeString(file, c[1], StandardCharsets.UTF_8);
      CliRun run = CliRun.of("count", file.toString());
      assertThat(run.exitCode()).as(c[0] + ": " + run.err()).isEqualTo(2);
      assertThat(run.err()).as(c[0]).startsWith("paramscope: ").contains(c[0]);
      assertThat(run.err().strip().lines().count()).as(c[0] + ": " + run.err()).isEqualTo(1);
      assertThat(run.out()).isEmpty();
    }
    CliRun unknown = CliRun.of("count", dir.resolve("unknown.json").toString());
    assertThat(unknown.err()).contains("frobnicator").contains("llama").contains("deepseek_v3");
  }

  @Test
  void assumeCountsAnUnknownFamilyWithAWarning(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("config.json");
    Files.writeString(file, "{\"model_type\": \"my_llama\", \"hidden_size\": 64, \"num_hidden_layers\": 2,"
        + " \"num_attention_heads\": 4, \"vocab_size\": 100, \"intermediate_size\": 128}");
    CliRun run = CliRun.of("count", file.toString(), "--assume", "llama", "--format", "json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = JSON.readTree(run.out());
    // embed 100*64 + 2 layers * (4*64*64 attention + 3*64*128 mlp + 2*64 norms) + 64 norm + 100*64 head
    assertThat(json.get("total_params").asLong()).isEqualTo(6400 + 2 * (16384 + 24576 + 128) + 64 + 6400);
    assertThat(json.get("warnings").toString()).contains("my_llama");
  }

  @Test
  void verboseAddsTheStackTrace(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("empty.json");
    Files.writeString(file, "");
    CliRun run = CliRun.of("count", file.toString(), "--verbose");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("\tat ");
  }

  private static String[] concat(String[] a, String... b) {
    String[] r = new String[a.length + b.length];
    System.arraycopy(a, 0, r, 0, a.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }
}
