package dev.paramscope.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paramscope.BadInputException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GpuCatalogReaderTest {
  private static final String GOOD = "{'id': 'x1', 'name': 'X1', 'vendor': 'V', 'aliases': ['x'],"
      + " 'memory_datasheet': '8 GB', 'memory_gib': 8, 'memory_bandwidth_gb_per_s': 100,"
      + " 'dense_tflops': {'bf16': 10}, 'sources': ['https://example.org/x1']}";

  private static HardwareCatalog read(String json) {
    byte[] bytes = json.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    return HardwareCatalog.read(new ByteArrayInputStream(bytes), "gpus-test.json");
  }

  @Test
  void readsUnitsAsDocumented() {
    Gpu gpu = read("{'accelerators': [" + GOOD + "]}").find("X").orElseThrow();
    assertThat(gpu.memoryBytes()).isEqualTo(8L << 30);
    assertThat(gpu.memoryBandwidthBytesPerSecond()).isEqualTo(100_000_000_000L);
    assertThat(gpu.denseFlopsPerSecond(ComputeDtype.BF16)).hasValue(1.0e13);
    assertThat(gpu.interconnectBytesPerSecond()).isZero();
    assertThat(gpu.price()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "'bf16': 10|'bf17': 10|not a known dtype",
    "'bf16': 10|'bf16': 0|dense_tflops.bf16 must be a positive number",
    "'memory_gib': 8|'memory_gib': 8.5|positive whole number",
    "'memory_bandwidth_gb_per_s': 100|'memory_bandwidth_gb_per_s': -1|positive number",
    "'sources': ['https://example.org/x1']|'sources': []|at least one source",
    "'id': 'x1'|'id': 'X 1'|lowercase slug",
  })
  void rejectsMalformedEntries(String from, String to, String problem) {
    String broken = GOOD.replace(from, to);
    assertThat(broken).isNotEqualTo(GOOD);
    assertThatThrownBy(() -> read("{'accelerators': [" + broken + "]}"))
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("gpus-test.json: accelerators[0]")
        .hasMessageContaining(problem);
  }

  @Test
  void rejectsAnAliasThatNamesTwoAccelerators() {
    String other = GOOD.replace("'id': 'x1'", "'id': 'x2'");
    assertThatThrownBy(() -> read("{'accelerators': [" + GOOD + "," + other + "]}"))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("alias \"x\" is repeated");
  }
}
