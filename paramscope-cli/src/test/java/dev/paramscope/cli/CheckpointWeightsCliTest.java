package dev.paramscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paramscope.testing.SharedTestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Given a local checkpoint, size, memory, fit and speed take the weight bytes from its tensor
 * headers and say which file they read; an explicit --dtype wins and says so. Figures from the
 * shared files' EXPECTED.jsonl (gguf-py 0.19.0 and the safetensors format definition).
 */
class CheckpointWeightsCliTest {
  private static final String MIX = "files/gguf/quant/tiny-llama-mix-Q4_K_M.gguf";
  private static final String SHARDED = "files/safetensors/tiny-llama-sharded";

  private static String path(String relative) {
    return SharedTestData.require(relative).toString();
  }

  /** llama-quantize's Q4_K_M of the tiny Llama: 892,160 data bytes; its output (131,072 weights) in Q6_K. */
  @Test
  void sizeShowsTheStoredMixPerPart() throws IOException {
    JsonNode s = CliRun.json("size", path(MIX));
    assertThat(s.get("weights_source").asText()).isEqualTo("tiny-llama-mix-Q4_K_M.gguf");
    assertThat(s.get("checkpoint_bytes").asLong()).isEqualTo(892_160L);
    JsonNode head = null;
    long sum = 0;
    for (JsonNode row : s.get("checkpoint_roles")) {
      sum += row.get("bytes").asLong();
      if (row.get("part").asText().equals("lm_head")) {
        head = row;
      }
    }
    assertThat(sum).isEqualTo(892_160L);
    assertThat(head.get("bytes").asLong()).isEqualTo(131_072L / 256 * 210);
    assertThat(head.get("bits_per_param").asDouble()).isEqualTo(6.5625, org.assertj.core.data.Offset.offset(0.001));
  }

  @Test
  void memoryFitAndSpeedUseTheCheckpointBytes() throws IOException {
    JsonNode m = CliRun.json("memory", path(MIX), "--gpu", "h100");
    assertThat(m.get("dtype").asText()).isEqualTo("checkpoint");
    assertThat(m.get("weights_bytes").asLong()).isEqualTo(892_160L);
    assertThat(m.get("weights_source").asText()).isEqualTo("tiny-llama-mix-Q4_K_M.gguf");
    assertThat(CliRun.json("fit", path(MIX), "--gpu", "t4").get("dtype").asText()).isEqualTo("checkpoint");
    assertThat(CliRun.json("speed", path(MIX), "--gpu", "h100").get("weights_source").asText())
        .isEqualTo("tiny-llama-mix-Q4_K_M.gguf");
  }

  /** 12 F32 shards, 1,443,072 weights: 5,772,288 bytes, whether SOURCE is the folder or its config.json. */
  @Test
  void safetensorsShardsBesideTheConfig() throws IOException {
    for (String source : new String[] {path(SHARDED), Path.of(path(SHARDED), "config.json").toString()}) {
      JsonNode m = CliRun.json("memory", source);
      assertThat(m.get("weights_bytes").asLong()).as(source).isEqualTo(5_772_288L);
      assertThat(m.get("weights_source").asText()).isEqualTo("model-00001-of-00012.safetensors (+11 more files)");
    }
  }

  @Test
  void anExplicitDtypeWinsAndSaysSo() throws IOException {
    JsonNode m = CliRun.json("memory", path(MIX), "--dtype", "q8_0");
    assertThat(m.get("dtype").asText()).isEqualTo("Q8_0");
    assertThat(m.get("weights_bytes").asLong()).isNotEqualTo(892_160L);
    assertThat(CliRun.of("memory", path(MIX), "--dtype", "q8_0").out())
        .contains("--dtype Q8_0 overrides the weights stored in tiny-llama-mix-Q4_K_M.gguf");
    assertThat(CliRun.of("memory", path(MIX), "--dtype", "q8_0", "--lang", "zh").out())
        .contains("--dtype Q8_0 覆盖了 tiny-llama-mix-Q4_K_M.gguf 中存储的权重");
  }

  @Test
  void everyFormatCarriesTheSource() {
    String file = "tiny-llama-mix-Q4_K_M.gguf";
    assertThat(CliRun.of("memory", path(MIX), "--format", "csv").out()).contains("weights_source," + file);
    assertThat(CliRun.of("memory", path(MIX), "--format", "markdown").out()).contains("| Weights read from | " + file);
    assertThat(CliRun.of("memory", path(MIX)).out()).contains("Weights read from").contains("as the tensor headers of " + file);
    assertThat(CliRun.of("memory", path(MIX), "--lang", "zh").out()).contains("权重读自").contains("张量头");
    assertThat(CliRun.of("size", path(MIX), "--format", "csv").out()).contains("checkpoint_bytes,892160");
  }

  /** A config with an index but its shards not downloaded: the estimate falls back to the config, and says why. */
  @Test
  void weightsBesideAConfigThatCannotBeReadFallBack(@TempDir Path dir) throws IOException {
    Path sharded = Path.of(path(SHARDED));
    Files.copy(sharded.resolve("config.json"), dir.resolve("config.json"));
    Files.copy(sharded.resolve("model.safetensors.index.json"), dir.resolve("model.safetensors.index.json"));
    JsonNode m = CliRun.json("memory", dir.toString());
    assertThat(m.get("dtype").asText()).isEqualTo("fp32");
    assertThat(m.has("weights_source")).isFalse();
    assertThat(CliRun.of("memory", dir.toString()).out()).contains("The weights beside the config could not be read");
    CliRun named = CliRun.of("memory", dir.resolve("model.safetensors.index.json").toString());
    assertThat(named.exitCode()).isEqualTo(2);
  }

  /** size lists llama.cpp's file types; Llama-3.1-8B Q4_K_M is 4.58 GiB in llama.cpp's quantize README. */
  @Test
  void sizeListsTheLlamaCppFileTypes() throws IOException {
    JsonNode files = CliRun.json("size", "llama-3.1-8b").get("gguf_files");
    assertThat(files).hasSize(12);
    JsonNode q4km = files.get(7);
    assertThat(q4km.get("name").asText()).isEqualTo("Q4_K_M");
    assertThat(q4km.get("gib").asDouble()).isCloseTo(4.58, org.assertj.core.data.Offset.offset(0.005));
    assertThat(CliRun.of("size", "llama-3.1-8b", "--lang", "zh").out()).contains("llama.cpp 文件类型");
    assertThat(CliRun.json("size", "gpt-4o").has("gguf_files")).isFalse();
  }

  @Test
  void catalogModelsAndBadCheckpoints() {
    assertThat(CliRun.of("memory", "llama-3.1-8b", "--format", "csv").out()).doesNotContain("weights_source");
    CliRun bad = CliRun.of("size", path("files/gguf/bad/test_writer.gguf"));
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err().strip()).contains("test_writer.gguf").doesNotContain("\n").doesNotContain("Exception");
  }
}
