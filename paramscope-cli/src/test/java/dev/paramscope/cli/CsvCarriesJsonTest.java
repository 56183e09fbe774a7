package dev.paramscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paramscope.testing.SharedTestData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every format carries every number: each numeric and true/false leaf of a command's JSON appears
 * as a cell of its CSV, as often as it appears in the JSON.
 */
class CsvCarriesJsonTest {
  static Stream<String> commands() {
    return Stream.of(
        "count llama-3.1-8b",
        "count deepseek-v3",
        "size gpt-4o",
        "memory llama-3.1-8b --context 32768 --batch 8 --gpu h100",
        "memory deepseek-v3 --dtype fp8 --gpu h200x8",
        "speed llama-3.1-8b --gpu h100 --context 8192 --batch 16",
        "train llama-3.1-8b --tokens 15T --gpu h100x1024 --mfu 0.4",
        "train llama-3.1-8b --tokens 100M --method qlora --lora-rank 16",
        "fit llama-3.1-70b --gpu h100x2 --context 32768",
        "flops llama-3.1-8b --context 8192",
        "scale --params 70B --tokens 1.4T --fit hoffmann",
        "compare gpt-4o llama-3.1-8b",
        "catalog",
        "hardware",
        "plan llama-3.1-8b --engine vllm --gpu h100",
        "plan gpt-oss-20b --engine llama.cpp --gpu rtx-3090",
        "forensics gpt-4o --tokens-per-second 81 --gpu h100x8 --price-per-mtok 10",
        "inspect " + "@shared/files/safetensors/tiny-llama-sharded",
        "inspect " + "@shared/files/gguf/quant/tiny-llama-mix-Q4_K_M.gguf");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("commands")
  void everyNumberOfTheJsonIsACellOfTheCsv(String command) throws Exception {
    List<String> args = new ArrayList<>();
    for (String arg : command.split(" ")) {
      args.add(arg.startsWith("@shared/") ? SharedTestData.require(arg.substring(8)).toString() : arg);
    }
    CliRun json = run(args, "json");
    CliRun csv = run(args, "csv");
    assertThat(json.exitCode()).as(json.err()).isZero();
    assertThat(csv.exitCode()).as(csv.err()).isZero();
    Map<String, Integer> cells = new HashMap<>();
    for (String cell : cells(csv.out())) {
      cells.merge(cell, 1, Integer::sum);
    }
    Map<String, Integer> leaves = new HashMap<>();
    collect(new ObjectMapper().readTree(json.out()), leaves);
    assertThat(leaves).as("the JSON has numbers to look for").isNotEmpty();
    leaves.forEach((leaf, times) -> assertThat(cells.getOrDefault(leaf, 0))
        .as("CSV cells equal to %s (%d in the JSON)%n%s", leaf, times, csv.out())
        .isGreaterThanOrEqualTo(times));
  }

  private static CliRun run(List<String> args, String format) {
    List<String> all = new ArrayList<>(args);
    all.add("--format");
    all.add(format);
    return CliRun.of(all.toArray(String[]::new));
  }

  private static void collect(JsonNode node, Map<String, Integer> leaves) {
    if (node.isNumber() || node.isBoolean()) {
      leaves.merge(node.asText(), 1, Integer::sum);
    }
    node.forEach(child -> collect(child, leaves));
  }

  /** The cells of an RFC 4180 text (quoted cells may hold commas, quotes and newlines). */
  private static List<String> cells(String csv) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < csv.length(); i++) {
      char c = csv.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',' || c == '\n') {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    return cells;
  }
}
