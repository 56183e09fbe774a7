package dev.paramscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code paramscope forensics} and compare's score columns, black-box. */
class ForensicsCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  /** The three seed models with the observables of {@code forensics --help}'s examples. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "gpt-4o, 81, h100x8, 15, 200000000000",
      "gpt-4o-mini, 61, h100, 0.6, 8000000000",
      "claude-3.5-sonnet, 64, h100x8, 15, 175000000000"})
  void seedModelsGetIntervalsAndAVerdict(String id, String tps, String gpu, String price, long claim) throws IOException {
    String example = CliRun.of("forensics", "--help").out().replaceAll(" \\\\\n +", " ");
    assertThat(example).contains("paramscope forensics " + id + " --tokens-per-second " + tps + " --gpu " + gpu
        + " --price-per-mtok " + price);
    CliRun run = CliRun.of("forensics", id, "--tokens-per-second", tps, "--gpu", gpu, "--price-per-mtok", price,
        "--format", "json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = JSON.readTree(run.out());
    assertThat(json.get("intervals")).hasSize(2);
    assertThat(json.get("decode_speed").get("binds").asText()).isEqualTo("memory_bandwidth");
    assertThat(json.get("price").get("loose").asBoolean()).isTrue();
    JsonNode first = json.get("claims").get(0);
    assertThat(first.get("total_params").asLong()).isEqualTo(claim);
    assertThat(first.get("status").asText()).isEqualTo("estimate");
    assertThat(first.get("source").asText()).contains("arXiv:2412.19260");
    assertThat(json.get("verdict").asText()).isEqualTo("consistent");
    CliRun table = CliRun.of("forensics", id, "--tokens-per-second", tps, "--gpu", gpu, "--price-per-mtok", price,
        "--lang", "en");
    assertThat(table.out()).contains("Binds").contains("price (loose)").contains("Verdict: all 1 published figures");
  }

  @Test
  void aClaimTooBigForTheSpeedIsOutside() throws IOException {
    // GPT-4's 1.8T rumour read as dense cannot decode at 81 tokens/s on 8 H100s at FP8.
    CliRun run = CliRun.of("forensics", "gpt-4", "--tokens-per-second", "81", "--gpu", "h100x8", "--format", "json");
    JsonNode json = JSON.readTree(run.out());
    assertThat(json.get("claims")).hasSize(2);
    assertThat(json.get("claims").get(1).get("status").asText()).isEqualTo("rumour");
    assertThat(json.get("claims").get(1).get("outside").asText()).isEqualTo("decode_speed");
    assertThat(json.get("verdict").asText()).isEqualTo("contradicted");
  }

  @Test
  void logitFileGivesTheWidthAndRanges() throws IOException {
    // Rank 48 over 200 tokens, 80 vectors, written as a float32 .npy.
    int rank = 48;
    int rows = 80;
    int vocab = 200;
    Random random = new Random(5);
    double[][] basis = new double[rank][vocab];
    for (double[] b : basis) {
      for (int c = 0; c < vocab; c++) {
        b[c] = random.nextGaussian();
      }
    }
    ByteBuffer data = ByteBuffer.allocate(4 * rows * vocab).order(ByteOrder.LITTLE_ENDIAN);
    for (int r = 0; r < rows; r++) {
      double[] w = new double[rank];
      for (int k = 0; k < rank; k++) {
        w[k] = random.nextGaussian();
      }
      for (int c = 0; c < vocab; c++) {
        double v = 0;
        for (int k = 0; k < rank; k++) {
          v += w[k] * basis[k][c];
        }
        data.putFloat((float) v);
      }
    }
    String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (80, 200), }";
    String header = dict + " ".repeat(118 - dict.length() - 1) + "\n";
    byte[] head = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) header.length(), 0};
    Path file = dir.resolve("logits.npy");
    Files.write(file, concat(head, header.getBytes(StandardCharsets.ISO_8859_1), data.array()));
    CliRun run = CliRun.of("forensics", "--logits", file.toString(), "--format", "json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = JSON.readTree(run.out());
    assertThat(json.get("logit_rank").get("rank").asInt()).isEqualTo(rank);
    assertThat(json.get("logit_rank").get("confidence").asText()).isEqualTo("high");
    assertThat(json.get("intervals").get(0).get("low").asInt()).isEqualTo(rank);
    assertThat(json.get("intervals").get(0).get("high").asInt()).isEqualTo(rank + 1);
    assertThat(json.get("verdict").asText()).isEqualTo("untested");
  }

  private static byte[] concat(byte[]... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  @Test
  void hostileLogitFileIsOneLineAndExit2() throws IOException {
    Path file = dir.resolve("bad.npy");
    Files.write(file, new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) 0xff, (byte) 0xff});
    CliRun run = CliRun.of("forensics", "--logits", file.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip()).contains(file + ": .npy header length 65535").doesNotContain("\n");
    CliRun none = CliRun.of("forensics");
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.err()).contains("--logits, --tokens-per-second or --price-per-mtok");
    CliRun margin = CliRun.of("forensics", "gpt-4o", "--price-per-mtok", "10", "--margin", "1.5");
    assertThat(margin.exitCode()).isEqualTo(2);
    assertThat(margin.err().strip()).contains("--margin: must lie in [0, 1)");
  }

  @Test
  void compareShowsScoresWithTheirLicences() throws IOException {
    CliRun run = CliRun.of("compare", "gpt-4o", "llama-3.1-405b", "qwen3-235b-a22b", "--format", "json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode models = JSON.readTree(run.out()).get("scores");
    assertThat(models.get(2).get("model").asText()).isEqualTo("qwen3-235b-a22b");
    // simple-evals README: gpt-4o-2024-05-13 MMLU 87.2, GPQA 49.9; Llama 3.1 405B 88.6, 50.7.
    assertThat(models.get(0).get("mmlu").asDouble()).isEqualTo(87.2);
    assertThat(models.get(0).get("gpqa_diamond").asDouble()).isEqualTo(49.9);
    assertThat(models.get(1).get("mmlu").asDouble()).isEqualTo(88.6);
    // Epoch AI: Llama 3.1-405B 3.80e25 FLOP.
    assertThat(models.get(1).get("training_compute_flop").asDouble()).isEqualTo(3.80e25);
    assertThat(models.get(2).get("mmlu").isNull()).isTrue();
    JsonNode sources = JSON.readTree(run.out()).get("score_sources");
    assertThat(sources.toString()).contains("MIT").contains("CC BY 4.0").contains("Epoch AI");
    CliRun table = CliRun.of("compare", "gpt-4o", "llama-3.1-405b", "qwen3-235b-a22b", "--lang", "en");
    assertThat(table.out()).contains("88.6").contains("87.2").contains("Licence: MIT").contains("Licence: CC BY 4.0");
  }
}
