package dev.paramscope.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paramscope.testing.SharedTestData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link JsonTrees} gives the tree {@code ObjectMapper.readTree} gives: same values, same node types. */
class JsonTreesTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static void sameAsObjectMapper(byte[] json) throws IOException {
    JsonNode expected = MAPPER.readTree(json);
    JsonNode actual = JsonTrees.read(JsonTrees.DEFAULT_FACTORY, json);
    if (expected.isMissingNode()) {
      assertThat(actual).isNull();
      return;
    }
    assertThat(actual).isEqualTo(expected); // node equality includes the node class (IntNode vs LongNode)
    assertThat(actual.toString()).isEqualTo(expected.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"a\": 1, \"b\": 2147483648, \"c\": 9223372036854775808, \"d\": -2147483649, \"e\": 1e-05, \"f\": 1.5E+300}",
      "{\"rope_scaling\": {\"factor\": 8.0, \"type\": \"llama3\"}, \"eos\": [128001, 128008], \"x\": null, \"t\": true, \"f\": false}",
      "[[], {}, [[[1]]], \"\\u00e9\\u4e2d\\n\\\"\", -0, -0.0, 0.1, 123456789012345678901234567890]",
      "{\"dup\": 1, \"dup\": [2]}",
      "42", "\"text\"", "null", "   ", "",
  })
  void buildsTheSameTreeAsObjectMapper(String json) throws IOException {
    sameAsObjectMapper(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsTheBuiltInCatalogsAsObjectMapperDoes() throws IOException {
    for (String resource : List.of("/dev/paramscope/catalog/models.json", "/dev/paramscope/hardware/gpus.json")) {
      try (InputStream in = JsonTrees.class.getResourceAsStream(resource)) {
        assertThat(in).as(resource).isNotNull();
        sameAsObjectMapper(in.readAllBytes());
      }
    }
  }

  @Test
  void readsEverySharedConfigAsObjectMapperDoes() throws IOException {
    try (Stream<Path> files = Files.walk(SharedTestData.require("configs"))) {
      for (Path file : files.filter(p -> p.toString().endsWith(".json")).toList()) {
        sameAsObjectMapper(Files.readAllBytes(file));
      }
    }
  }

  @Test
  void leavesLimitsAndErrorsToTheParserFactory() {
    JsonFactory strict = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(2).build())
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    assertThatThrownBy(() -> JsonTrees.read(strict, "{\"a\": {\"b\": {\"c\": 1}}}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(JsonProcessingException.class).hasMessageContaining("depth");
    assertThatThrownBy(() -> JsonTrees.read(strict, "{\"a\": 1, \"a\": 2}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(JsonProcessingException.class).hasMessageContaining("Duplicate field 'a'");
    assertThatThrownBy(() -> JsonTrees.read(strict, "{\"a\": [1, 2".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(JsonProcessingException.class).hasMessageContaining("end-of-input");
  }
}
