package dev.paramscope.count;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paramscope.config.ConfigReader;
import dev.paramscope.model.ModelArchitecture;
import dev.paramscope.testing.SharedTestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every published config in {@code ../shared/testdata/configs/} against the counts in its
 * {@code COUNTS.csv} (transformers 5.12.1 {@code from_config} counts, or checkpoint tensors).
 */
class ConformanceCountTest {

  record Row(String model, String modelType, long total, Long active) {}

  static List<Row> rows() throws IOException {
    if (!SharedTestData.present("configs/COUNTS.csv")) {
      return List.of();
    }
    Path csv = SharedTestData.require("configs/COUNTS.csv");
    List<Row> rows = new ArrayList<>();
    for (String line : Files.readAllLines(csv, StandardCharsets.UTF_8)) {
      if (line.isBlank() || line.startsWith("model,")) {
        continue;
      }
      String[] f = line.split(",", -1);
      rows.add(new Row(f[0], f[1], Long.parseLong(f[2]), f[3].isEmpty() ? null : Long.parseLong(f[3])));
    }
    return rows;
  }

  /** One case per CSV row; without the shared data, one case that skips (or fails in CI). */
  static Stream<Arguments> cases() throws IOException {
    if (!SharedTestData.present("configs/COUNTS.csv")) {
      return Stream.of(Arguments.of("(shared test data absent)", null));
    }
    return rows().stream().map(r -> Arguments.of(r.model(), r));
  }

  @Test
  void sharedDataIsThereAndCoversEveryFolder() throws IOException {
    Path dir = SharedTestData.require("configs");
    List<String> folders;
    try (Stream<Path> list = Files.list(dir)) {
      folders = list.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertThat(rows().stream().map(Row::model).sorted().toList()).isEqualTo(folders);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void countMatchesReference(String model, Row row) {
    SharedTestData.require("configs/COUNTS.csv");
    Path dir = SharedTestData.require("configs/" + model);
    ModelArchitecture arch = ConfigReader.read(dir);
    ParameterCount count = ParameterCounter.count(arch);

    assertThat(arch.modelType()).isEqualTo(row.modelType());
    assertThat(count.totalParams()).as("total of %s", model).isEqualTo(row.total());
    if (row.active() != null) {
      assertThat(count.activeParams()).as("active of %s", model).isEqualTo(row.active());
    } else {
      assertThat(count.activeParams()).isEqualTo(row.total());
    }
  }
}
