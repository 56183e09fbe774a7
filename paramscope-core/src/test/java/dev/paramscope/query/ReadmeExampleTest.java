package dev.paramscope.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paramscope.config.ConfigReader;
import dev.paramscope.count.ParameterCount;
import dev.paramscope.count.ParameterCounter;
import dev.paramscope.model.ModelArchitecture;
import dev.paramscope.precision.StorageType;
import dev.paramscope.units.ByteUnit;
import dev.paramscope.units.Lang;
import dev.paramscope.units.Quantities;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's library example, kept compiling and true. */
class ReadmeExampleTest {
  @Test
  void libraryExampleFromTheReadme(@TempDir Path dir) throws Exception {
    // Llama-3.1-8B's published config.json (the keys that shape it).
    Path config = dir.resolve("config.json");
    Files.writeString(config, """
        {"model_type": "llama", "vocab_size": 128256, "hidden_size": 4096, "intermediate_size": 14336,
         "num_hidden_layers": 32, "num_attention_heads": 32, "num_key_value_heads": 8,
         "tie_word_embeddings": false, "max_position_embeddings": 131072, "torch_dtype": "bfloat16"}
        """);
    ModelArchitecture arch = ConfigReader.read(config);
    ParameterCount count = ParameterCounter.count(arch);
    long int4Bytes = StorageType.INT4.bytesFor(count.totalParams());
    String line = Quantities.count(count.totalParams(), Lang.EN) + " parameters, "
        + Quantities.bytes(int4Bytes, ByteUnit.GB) + " at INT4";
    assertThat(line).isEqualTo("8.03 B parameters, 4.02 GB at INT4");
  }

  /** The README says what the committed calibration holds, and leaves benchmark tables to bench/README.md. */
  @Test
  void readmeDescribesTheCommittedCalibrationAndPointsToTheBenchmarks() throws Exception {
    Path root = dev.paramscope.testing.SharedTestData.projectRoot();
    String readme = Files.readString(root.resolve("README.md"));
    com.fasterxml.jackson.databind.JsonNode h200 = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(root.resolve("paramscope-core/src/test/resources/calibration/h200.json").toFile());
    assertThat(readme).contains("calibration/h200.json").contains(h200.get("runs").size() + " runs on an "
        + h200.get("device").asText()).contains(h200.get("transformers").asText());
    for (com.fasterxml.jackson.databind.JsonNode run : h200.get("runs")) {
      assertThat(readme).contains(run.get("config").asText());
    }
    assertThat(readme).contains("bench/README.md").doesNotContain("| benchmark ");
    assertThat(Files.readString(root.resolve("bench/README.md"))).contains("| benchmark ").contains("bench/run");
  }
}
