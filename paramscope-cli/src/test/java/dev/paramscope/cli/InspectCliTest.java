package dev.paramscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paramscope.testing.SharedTestData;
import dev.paramscope.weights.gguf.GgufFixtureWriter;
import dev.paramscope.weights.safetensors.SafetensorsDtype;
import dev.paramscope.weights.safetensors.SafetensorsFixtureWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code paramscope inspect}, black-box, against the facts reference readers report for real files. */
class InspectCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static List<JsonNode> expected() throws IOException {
    if (!SharedTestData.present("files/EXPECTED.jsonl")) {
      return List.of(JSON.readTree("{\"file\": \"(shared test data absent)\"}"));
    }
    List<JsonNode> rows = new ArrayList<>();
    for (String line : Files.readAllLines(SharedTestData.require("files/EXPECTED.jsonl"))) {
      if (!line.isBlank()) {
        rows.add(JSON.readTree(line));
      }
    }
    return rows;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("expected")
  void everySharedFileMatchesWhatReferenceReadersReport(JsonNode expected) throws IOException {
    Path file = SharedTestData.require("files/" + expected.get("file").asText());
    CliRun run = CliRun.of("inspect", file.toString(), "--format", "json");
    if (expected.get("format").asText().equals("invalid")) {
      assertThat(run.exitCode()).as(run.out()).isEqualTo(2);
      assertThat(run.err().strip().lines().count()).isEqualTo(1);
      assertThat(run.err()).contains(file.getFileName().toString());
      String reason = expected.get("error").asText();
      assertThat(run.err()).contains(reason.contains("FUGG") ? "FUGG" : "13");
      return;
    }
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode actual = JSON.readTree(run.out());
    assertThat(actual.get("format").asText()).isEqualTo(expected.get("format").asText());
    if (expected.has("version")) {
      assertThat(actual.get("version").asInt()).isEqualTo(expected.get("version").asInt());
    }
    for (String key : new String[] {"tensor_count", "total_params", "data_bytes"}) {
      assertThat(actual.get(key).asLong()).as(key).isEqualTo(expected.get(key).asLong());
    }
    if (expected.has("kv_count")) {
      assertThat(actual.get("kv_count").asLong()).as("kv_count").isEqualTo(expected.get("kv_count").asLong());
    }
    JsonNode byType = expected.get("by_type");
    assertThat(actual.get("by_type").size()).isEqualTo(byType.size());
    for (Iterator<Map.Entry<String, JsonNode>> it = byType.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode ours = actual.get("by_type").get(e.getKey());
      assertThat(ours).as(e.getKey()).isNotNull();
      assertThat(ours.get("tensors").asLong()).isEqualTo(e.getValue().get(0).asLong());
      assertThat(ours.get("params").asLong()).isEqualTo(e.getValue().get(1).asLong());
      assertThat(ours.get("bytes").asLong()).isEqualTo(e.getValue().get(2).asLong());
    }
    if (expected.hasNonNull("architecture") && expected.get("format").asText().equals("gguf")) {
      assertThat(actual.get("architecture").asText()).isEqualTo(expected.get("architecture").asText());
    }
  }

  @Test
  void shardedSafetensorsReconcileExactlyWithTheirConfig() throws IOException {
    Path dir = SharedTestData.require("files/safetensors/tiny-llama-sharded");
    CliRun run = CliRun.of("inspect", dir.toString(), "--format", "json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode r = JSON.readTree(run.out()).get("reconciliation");
    assertThat(r.get("reconciled").asBoolean()).isTrue();
    assertThat(r.get("unexplained").asLong()).isZero();
    assertThat(r.get("expected_total").asLong()).isEqualTo(1_443_072L);
    assertThat(r.get("stored_total").asLong()).isEqualTo(1_443_072L);
    for (JsonNode part : r.get("parts")) {
      assertThat(part.get("explanation").asText()).as(part.toString()).isEqualTo("match");
    }
  }

  @Test
  void ggufReconcilesWithItsOwnMetadata() throws IOException {
    Path file = SharedTestData.require("files/gguf/quant/tiny-llama-mix-Q4_K_M.gguf");
    JsonNode r = JSON.readTree(CliRun.of("inspect", file.toString(), "--format", "json").out()).get("reconciliation");
    assertThat(r.get("architecture_source").asText()).isEqualTo("GGUF metadata (llama.*)");
    assertThat(r.get("reconciled").asBoolean()).isTrue();
    assertThat(r.get("expected_total").asLong()).isEqualTo(1_443_072L);
  }

  @Test
  void differencesAreExplainedOrShownAsUnexplained(@TempDir Path dir) throws IOException {
    // A tied llama whose writer stored the head anyway, kept a rotary buffer, and added a stray tensor.
    Files.writeString(dir.resolve("config.json"), """
        {"model_type": "llama", "hidden_size": 64, "intermediate_size": 128, "num_attention_heads": 4,
         "num_hidden_layers": 1, "vocab_size": 100, "tie_word_embeddings": true}
        """);
    SafetensorsFixtureWriter w = new SafetensorsFixtureWriter()
        .tensor("model.embed_tokens.weight", SafetensorsDtype.F32, 100, 64)
        .tensor("lm_head.weight", SafetensorsDtype.F32, 100, 64)
        .tensor("model.layers.0.self_attn.rotary_emb.inv_freq", SafetensorsDtype.F32, 8)
        .tensor("model.layers.0.self_attn.q_proj.weight", SafetensorsDtype.F32, 64, 64)
        .tensor("model.layers.0.self_attn.k_proj.weight", SafetensorsDtype.F32, 64, 64)
        .tensor("model.layers.0.self_attn.v_proj.weight", SafetensorsDtype.F32, 64, 64)
        .tensor("model.layers.0.self_attn.o_proj.weight", SafetensorsDtype.F32, 64, 64)
        .tensor("model.layers.0.mlp.gate_proj.weight", SafetensorsDtype.F32, 128, 64)
        .tensor("model.layers.0.mlp.up_proj.weight", SafetensorsDtype.F32, 128, 64)
        .tensor("model.layers.0.mlp.down_proj.weight", SafetensorsDtype.F32, 64, 128)
        .tensor("model.layers.0.input_layernorm.weight", SafetensorsDtype.F32, 64)
        .tensor("model.layers.0.post_attention_layernorm.weight", SafetensorsDtype.F32, 64)
        .tensor("model.norm.weight", SafetensorsDtype.F32, 64)
        .tensor("stray.weight", SafetensorsDtype.F32, 10);
    w.write(dir.resolve("model.safetensors"));
    JsonNode r = JSON.readTree(CliRun.of("inspect", dir.toString(), "--format", "json").out()).get("reconciliation");
    assertThat(r.get("reconciled").asBoolean()).isFalse();
    assertThat(r.get("unexplained").asLong()).isEqualTo(10);
    List<String> why = new ArrayList<>();
    r.get("parts").forEach(p -> why.add(p.get("part").asText() + "=" + p.get("explanation").asText()));
    assertThat(why).contains("lm_head=tied_stored_twice", "buffer=buffers", "other=unexplained", "attention=match");
    CliRun table = CliRun.of("inspect", dir.toString(), "--lang", "en");
    assertThat(table.out()).contains("tied head stored twice").contains("UNEXPLAINED");
  }

  @Test
  void legacyGgmlFilesAreNamed(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("old-model.bin");
    Files.write(file, "lmgg\u0001\u0000\u0000\u0000junkjunkjunk".getBytes(StandardCharsets.ISO_8859_1));
    CliRun run = CliRun.of("inspect", file.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("old-model.bin").contains("legacy GGML format").contains("convert it with llama.cpp");
    assertThat(run.err().strip().lines().count()).isEqualTo(1);
  }

  @Test
  void aHostileHeaderNeverExhaustsASmallHeap(@TempDir Path dir) throws Exception {
    // A GGUF claiming one metadata key of 2^40 bytes, run in a JVM with -Xmx256m.
    Path file = dir.resolve("hostile.gguf");
    byte[] key = GgufFixtureWriter.concat(GgufFixtureWriter.le(1L << 40, 8), "k".getBytes(StandardCharsets.US_ASCII));
    byte[] header = GgufFixtureWriter.concat("GGUF".getBytes(StandardCharsets.US_ASCII), GgufFixtureWriter.le(3, 4),
        GgufFixtureWriter.le(0, 8), GgufFixtureWriter.le(1, 8), key);
    Files.write(file, header);
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
        "-cp", System.getProperty("java.class.path"), "dev.paramscope.cli.Main", "inspect", file.toString())
        .redirectErrorStream(false).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(err).isEqualTo(2);
    assertThat(err).contains("hostile.gguf").contains("byte").doesNotContain("OutOfMemory").doesNotContain("\tat ");
    assertThat(err.strip().lines().count()).isEqualTo(1);
  }

  @Test
  void tensorsListsEveryTensor() throws IOException {
    Path file = SharedTestData.require("files/gguf/llama-2-tiny-random.gguf");
    JsonNode json = JSON.readTree(CliRun.of("inspect", file.toString(), "--tensors", "--format", "json").out());
    assertThat(json.get("tensors")).hasSize(12);
    JsonNode first = json.get("tensors").get(0);
    assertThat(first.fieldNames()).toIterable().containsExactlyInAnyOrder("name", "type", "shape", "params", "bytes", "offset");
  }

  @Test
  void gptqPackedValuesFollowTheConfiguredBits(@TempDir Path dir) throws IOException {
    // An 8-bit GPTQ layer packs four values per int32 (quantization_config.bits = 8).
    Files.writeString(dir.resolve("config.json"), """
        {"model_type": "llama", "hidden_size": 64, "intermediate_size": 128, "num_attention_heads": 4,
         "num_hidden_layers": 1, "vocab_size": 100, "tie_word_embeddings": true,
         "quantization_config": {"quant_method": "gptq", "bits": 8}}
        """);
    SafetensorsFixtureWriter w = new SafetensorsFixtureWriter()
        .tensor("model.embed_tokens.weight", SafetensorsDtype.F16, 100, 64)
        .tensor("model.norm.weight", SafetensorsDtype.F16, 64)
        .tensor("model.layers.0.input_layernorm.weight", SafetensorsDtype.F16, 64)
        .tensor("model.layers.0.post_attention_layernorm.weight", SafetensorsDtype.F16, 64);
    String[][] linears = {{"self_attn.q_proj", "64", "64"}, {"self_attn.k_proj", "64", "64"},
        {"self_attn.v_proj", "64", "64"}, {"self_attn.o_proj", "64", "64"}, {"mlp.gate_proj", "128", "64"},
        {"mlp.up_proj", "128", "64"}, {"mlp.down_proj", "64", "128"}};
    for (String[] l : linears) {
      long out = Long.parseLong(l[1]);
      long in = Long.parseLong(l[2]);
      w.tensor("model.layers.0." + l[0] + ".qweight", SafetensorsDtype.I32, in / 4, out)
          .tensor("model.layers.0." + l[0] + ".scales", SafetensorsDtype.F16, 1, out);
    }
    w.write(dir.resolve("model.safetensors"));
    JsonNode r = JSON.readTree(CliRun.of("inspect", dir.toString(), "--format", "json").out()).get("reconciliation");
    assertThat(r.get("reconciled").asBoolean()).as(r.toString()).isTrue();
  }

  @Test
  void anUnknownModelTypeStillPrintsTheHeaderFactsWithAWarning(@TempDir Path dir) throws IOException {
    // The header facts need no architecture; only the reconciliation does, and it is skipped.
    Files.writeString(dir.resolve("config.json"), """
        {"model_type": "brand_new_arch", "hidden_size": 64, "num_hidden_layers": 1}
        """);
    new SafetensorsFixtureWriter()
        .tensor("model.embed_tokens.weight", SafetensorsDtype.BF16, 100, 64)
        .tensor("model.norm.weight", SafetensorsDtype.F32, 64)
        .write(dir.resolve("model.safetensors"));
    CliRun json = CliRun.of("inspect", dir.toString(), "--format", "json");
    assertThat(json.exitCode()).as(json.err()).isZero();
    JsonNode r = JSON.readTree(json.out());
    assertThat(r.get("total_params").asLong()).isEqualTo(100 * 64 + 64);
    assertThat(r.get("data_bytes").asLong()).isEqualTo(100 * 64 * 2 + 64 * 4);
    assertThat(r.get("tensor_count").asLong()).isEqualTo(2);
    assertThat(r.get("reconciliation").isNull()).isTrue();
    // JSON carries no notes, so the warning is one line on stderr in every format.
    assertThat(json.err()).isEqualTo("paramscope: warning: " + dir.resolve("config.json")
        + ": unsupported model_type 'brand_new_arch'; reconciliation skipped" + System.lineSeparator());
    CliRun table = CliRun.of("inspect", dir.toString());
    assertThat(table.exitCode()).isZero();
    // One warning (a note, wrapped to the terminal width) naming the file, the type and the skip.
    assertThat(table.out().split("Warning: ", -1)).hasSize(2);
    assertThat(table.out().replaceAll("\\s+", " ")).contains(
        "Warning: " + dir.resolve("config.json") + ": unsupported model_type 'brand_new_arch'; reconciliation skipped");
  }
}
