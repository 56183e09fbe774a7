package dev.paramscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --gpu} on the command line, including the README's two-argument {@code ID xN}. */
class GpuArgumentCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode speed(String... gpu) throws IOException {
    String[] args = new String[gpu.length + 5];
    args[0] = "speed";
    args[1] = "llama-3.1-8b";
    args[2] = "--gpu";
    System.arraycopy(gpu, 0, args, 3, gpu.length);
    args[gpu.length + 3] = "--format";
    args[gpu.length + 4] = "json";
    CliRun run = CliRun.of(args);
    assertThat(run.exitCode()).as(run.err()).isZero();
    return JSON.readTree(run.out());
  }

  @ParameterizedTest
  @ValueSource(strings = {"a100-80gb-sxm x2", "a100-80gb-sxmx2", "2xa100-80gb-sxm", "2×a100", "a100 ×2"})
  void oneArgument(String gpu) throws IOException {
    JsonNode s = speed(gpu);
    assertThat(s.get("gpu").asText()).isEqualTo("a100-80gb-sxm");
    assertThat(s.get("gpus").asInt()).isEqualTo(2);
  }

  @Test
  void twoArgumentsAsTheReadmeWritesThem() throws IOException {
    JsonNode s = speed("a100-80gb-sxm", "x2");
    assertThat(s.get("gpu").asText()).isEqualTo("a100-80gb-sxm");
    assertThat(s.get("gpus").asInt()).isEqualTo(2);
  }

  @Test
  void theNextArgumentIsTakenOnlyWhenItIsACount() throws IOException {
    CliRun run = CliRun.of("memory", "--gpu", "h100", "llama-3.1-8b", "--format", "json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode fit = JSON.readTree(run.out()).get("fits").get(0);
    assertThat(fit.get("gpu").asText()).isEqualTo("h100-sxm");
    assertThat(fit.get("count").asInt()).isEqualTo(1);
  }

  @Test
  void aDashlessNameIsOneGpuNotACount() throws IOException {
    JsonNode s = speed("rtx4090");
    assertThat(s.get("gpu").asText()).isEqualTo("rtx-4090");
    assertThat(s.get("gpus").asInt()).isEqualTo(1);
  }

  @Test
  void trainingScaleCounts() throws IOException {
    CliRun run = CliRun.of("train", "llama-3.1-405b", "--tokens", "15.6T", "--gpu", "16384xh100", "--format", "json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(JSON.readTree(run.out()).toString()).contains("16384");
  }

  @Test
  void theAttachedFormStillWorks() throws IOException {
    JsonNode s = speed("--gpu=h100x4".substring(6));
    assertThat(s.get("gpus").asInt()).isEqualTo(4);
    CliRun run = CliRun.of("speed", "llama-3.1-8b", "--gpu=h100", "x4", "--format", "json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(JSON.readTree(run.out()).get("gpus").asInt()).isEqualTo(4);
  }
}
