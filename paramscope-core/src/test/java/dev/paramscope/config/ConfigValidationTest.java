package dev.paramscope.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paramscope.BadInputException;
import dev.paramscope.count.ParameterCounter;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad config input is rejected with one line naming the file, the key and the problem. */
class ConfigValidationTest {
  private static final String LLAMA = """
      {"model_type":"llama","hidden_size":64,"intermediate_size":128,"num_attention_heads":4,
       "num_hidden_layers":2,"vocab_size":100%s}""";

  private static BadInputException rejected(String json) {
    try {
      ConfigReader.parse(json, "bad.json", null);
    } catch (BadInputException e) {
      return e;
    }
    throw new AssertionError("accepted: " + json);
  }

  private static String llamaWith(String extra) {
    return LLAMA.formatted(extra);
  }

  @Test
  void theValidTemplateIsAccepted() {
    assertThat(ConfigReader.parse(llamaWith(""), "ok.json", null).numLayers()).isEqualTo(2);
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(delimiter = '|', value = {
      "vocab_size          | 0         | out of range",
      "vocab_size          | -5        | out of range",
      "vocab_size          | 100.5     | expected an integer",
      "vocab_size          | '\"100\"' | expected an integer",
      "vocab_size          | 1e12      | out of range",
      "vocab_size          | 99999999999999999999999 | out of range",
      "num_key_value_heads | 3         | num_key_value_heads (3) must divide num_attention_heads (4)",
      "num_hidden_layers   | 1000000   | exceeds the supported maximum",
      "tie_word_embeddings | '\"yes\"' | expected true or false",
  })
  void rejectsBadValues(String key, String value, String problem) {
    String json = llamaWith("").contains("\"" + key + "\":")
        ? llamaWith("").replaceFirst("\"" + key + "\":[0-9]+", "\"" + key + "\":" + value)
        : llamaWith(",\"" + key + "\":" + value);
    BadInputException e = rejected(json);
    assertThat(e.getMessage()).startsWith("bad.json: ").contains(problem).doesNotContain("\n");
  }

  @Test
  void rejectsLayerTypesOfTheWrongLength() {
    String json = llamaWith(",\"num_key_value_heads\":4,\"layer_types\":[\"full_attention\"]").replace("llama", "mistral");
    assertThat(rejected(json).getMessage())
        .isEqualTo("bad.json: layer_types has 1 entries but num_hidden_layers is 2");
  }

  @Test
  void rejectsMissingRequiredKey() {
    assertThat(rejected("{\"model_type\":\"llama\",\"num_hidden_layers\":2}").getMessage())
        .isEqualTo("bad.json: missing required key hidden_size");
  }

  @Test
  void rejectsHeadsThatDoNotDivideTheHiddenSize() {
    String json = llamaWith("").replace("\"num_attention_heads\":4", "\"num_attention_heads\":5");
    assertThat(rejected(json).getMessage())
        .contains("hidden_size (64) must be divisible by num_attention_heads (5)");
  }

  @Test
  void rejectsMoreActiveExpertsThanExperts() {
    String json = llamaWith("").replace("llama", "mixtral")
        .replace("}", ",\"num_key_value_heads\":4,\"num_local_experts\":4,\"num_experts_per_tok\":5}");
    assertThat(rejected(json).getMessage()).startsWith("bad.json: num_experts_per_tok (5) must be in 1..4");
  }

  @Test
  void reportsOverflowingCountsNamingTheConfig() {
    String json = llamaWith("").replace("\"hidden_size\":64", "\"hidden_size\":1073741824")
        .replace("\"num_attention_heads\":4", "\"num_attention_heads\":1")
        .replace("\"num_hidden_layers\":2", "\"num_hidden_layers\":9000")
        .replace("\"intermediate_size\":128", "\"intermediate_size\":1073741824");
    var arch = ConfigReader.parse(json, "huge.json", null);
    assertThatThrownBy(() -> ParameterCounter.count(arch))
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("huge.json: parameter count overflows");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "empty           | ''                    | empty file",
      "blank           | '   '                 | empty file",
      "array           | '[1,2]'               | expected a JSON object, got a JSON array",
      "number          | '42'                  | expected a JSON object, got a JSON number",
      "truncated       | '{\"model_type\": '   | malformed JSON at line 1",
      "duplicate key   | '{\"a\":1,\"a\":2}'   | malformed JSON at line 1, column",
      "trailing        | '{} {}'               | unexpected content after the JSON object",
  })
  void rejectsMalformedJson(String what, String json, String problem) {
    assertThat(rejected(json).getMessage()).startsWith("bad.json: ").contains(problem).doesNotContain("\n");
  }

  @Test
  void malformedJsonNamesLineAndColumn() {
    String json = "{\n  \"model_type\": \"llama\",\n  \"hidden_size\": 64,,\n}";
    assertThat(rejected(json).getMessage()).contains("malformed JSON at line 3, column 21");
  }

  @Test
  void rejectsDeepNestingWithoutStackOverflow() {
    String json = "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
    assertThat(rejected(json).getMessage()).contains("malformed JSON").contains("nesting depth");
  }

  @Test
  void rejectsHugeStrings() {
    String json = "{\"model_type\":\"" + "x".repeat(2 << 20) + "\"}";
    assertThat(rejected(json).getMessage()).contains("malformed JSON").contains("String value length");
  }

  @Test
  void rejectsAnOversizedFileBeforeReadingIt(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("config.json");
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(ConfigReader.MAX_FILE_BYTES + 1);
    }
    assertThatThrownBy(() -> ConfigReader.read(dir))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("config.json: file is 16777217 bytes; a config.json may be at most 16777216");
  }

  @Test
  void rejectsAMissingFile(@TempDir Path dir) {
    assertThatThrownBy(() -> ConfigReader.read(dir.resolve("nope")))
        .isInstanceOf(BadInputException.class)
        .hasMessageEndingWith("nope: no such file");
  }

  @Test
  void rejectsAnEmptyFile(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("config.json"), "");
    assertThatThrownBy(() -> ConfigReader.read(dir))
        .isInstanceOf(BadInputException.class)
        .hasMessageEndingWith("config.json: empty file; expected a JSON object");
  }

  @Test
  void rejectsBytesThatAreNotUtf8(@TempDir Path dir) throws IOException {
    Files.write(dir.resolve("config.json"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 'x'});
    assertThatThrownBy(() -> ConfigReader.read(dir))
        .isInstanceOf(BadInputException.class)
        .hasMessageEndingWith("config.json: not UTF-8 text (a config.json is JSON in UTF-8)");
  }
}
