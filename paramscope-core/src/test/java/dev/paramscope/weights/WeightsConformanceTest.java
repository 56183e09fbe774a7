package dev.paramscope.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paramscope.testing.SharedTestData;
import dev.paramscope.weights.gguf.GgufReader;
import dev.paramscope.weights.safetensors.SafetensorsReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.SortedMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every entry of ../shared/testdata/files/EXPECTED.jsonl: facts reported by gguf-py 0.19.0,
 * @huggingface/gguf 0.4.6 (GGUF v1) and the safetensors format definition for real files.
 */
class WeightsConformanceTest {
  private static final String EXPECTED = "files/EXPECTED.jsonl";
  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<String> entries() throws IOException {
    if (!SharedTestData.present(EXPECTED)) {
      return Stream.of("{}"); // the test itself skips (or fails under PARAMSCOPE_REQUIRE_SHARED)
    }
    return Files.readAllLines(SharedTestData.location().resolve(EXPECTED)).stream()
        .filter(line -> !line.isBlank());
  }

  static CheckpointSummary read(Path path) throws IOException {
    return path.getFileName().toString().endsWith(".gguf")
        ? GgufReader.read(path) : SafetensorsReader.read(path);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("entries")
  void matchesReference(String line) throws IOException {
    Path files = SharedTestData.require("files");
    JsonNode expected = JSON.readTree(line);
    Path path = files.resolve(expected.get("file").asText());
    if ("invalid".equals(expected.get("format").asText())) {
      assertThatThrownBy(() -> read(path)).isInstanceOf(WeightFormatException.class)
          .hasMessageStartingWith(path.toString() + ": ")
          .hasMessageContaining(reasonToken(expected.get("error").asText()));
      return;
    }
    CheckpointSummary summary = read(path);
    assertThat(summary.format().label()).isEqualTo(expected.get("format").asText());
    if (expected.has("version")) {
      assertThat(summary.version()).isEqualTo(expected.get("version").asInt());
    }
    if (expected.has("kv_count")) {
      assertThat(summary.kvCount()).isEqualTo(expected.get("kv_count").asLong());
    }
    if (expected.has("architecture")) {
      assertThat(summary.architecture()).isEqualTo(expected.get("architecture").asText());
    }
    assertThat(summary.tensorCount()).isEqualTo(expected.get("tensor_count").asInt());
    assertThat(summary.totalParams()).isEqualTo(expected.get("total_params").asLong());
    assertThat(summary.dataBytes()).isEqualTo(expected.get("data_bytes").asLong());
    assertByType(summary.byType(), expected.get("by_type"));
    assertThat(TypeTotals.sum(summary.byType().values()))
        .isEqualTo(new TypeTotals(summary.tensorCount(), summary.totalParams(), summary.dataBytes()));
    int parts = expected.has("split_parts") ? expected.get("split_parts").asInt()
        : expected.has("shards") ? expected.get("shards").asInt() : 1;
    assertThat(summary.files()).hasSize(parts);
    if (expected.has("metadata") && !expected.get("metadata").isNull()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = expected.get("metadata").fields();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        assertThat(summary.metadata()).containsEntry(entry.getKey(), entry.getValue().asText());
      }
    }
    assertThat(summary.fileBytes()).isEqualTo(
        summary.files().stream().mapToLong(CheckpointFile::fileBytes).sum());
  }

  private static void assertByType(SortedMap<String, TypeTotals> actual, JsonNode expected) {
    assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(() -> expected.fieldNames());
    for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      JsonNode row = entry.getValue();
      assertThat(actual.get(entry.getKey())).as(entry.getKey()).isEqualTo(
          new TypeTotals(row.get(0).asLong(), row.get(1).asLong(), row.get(2).asLong()));
    }
  }

  /** The part of the reference's error our message must name: "FUGG", "value type 13". */
  private static String reasonToken(String referenceError) {
    if (referenceError.contains("FUGG")) {
      return "FUGG";
    }
    Matcher valueType = Pattern.compile("(\\d+) is not a valid GGUFValueType")
        .matcher(referenceError);
    if (valueType.find()) {
      return "value type " + valueType.group(1);
    }
    return "";
  }
}
