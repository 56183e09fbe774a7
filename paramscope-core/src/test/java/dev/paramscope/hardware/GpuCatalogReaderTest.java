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
      + " 'dense_tflops': {'bf16': 10}, 'sources': {'memory_gib': 'https://example.org/x1',"
      + " 'memory_bandwidth_gb_per_s': 'https://example.org/x1', 'dense_tflops': 'https://example.org/x1'},"
      + " 'decode_profile': 'p'}";
  private static final String PROFILES = "'decode_profiles': {'p': {'token_overhead_ms': 2, 'bandwidth_efficiency': 0.9,"
      + " 'source': 'https://example.org/fit'}}, ";

  private static HardwareCatalog read(String json) {
    byte[] bytes = json.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    return HardwareCatalog.read(new ByteArrayInputStream(bytes), "gpus-test.json");
  }

  @Test
  void readsUnitsAsDocumented() {
    Gpu gpu = read("{" + PROFILES + "'accelerators': [" + GOOD + "]}").find("X").orElseThrow();
    assertThat(gpu.memoryBytes()).isEqualTo(8L << 30);
    assertThat(gpu.memoryBandwidthBytesPerSecond()).isEqualTo(100_000_000_000L);
    assertThat(gpu.denseFlopsPerSecond(ComputeDtype.BF16)).hasValue(1.0e13);
    assertThat(gpu.interconnectBytesPerSecond()).isZero();
    assertThat(gpu.price()).isEmpty();
    assertThat(gpu.decode().tokenOverheadSeconds()).isEqualTo(0.002);
    assertThat(gpu.decode().bandwidthEfficiency()).isEqualTo(0.9);
    assertThat(gpu.sourceOf("dense_tflops.bf16")).hasValue("https://example.org/x1");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "'bf16': 10|'bf17': 10|not a known dtype",
    "'bf16': 10|'bf16': 0|dense_tflops.bf16 must be a positive number",
    "'memory_gib': 8|'memory_gib': 8.5|positive whole number",
    "'memory_bandwidth_gb_per_s': 100|'memory_bandwidth_gb_per_s': -1|positive number",
    "'sources': {'memory_gib'|'sources': {'memory_gb'|figure memory_gib has no https source",
    "'dense_tflops': 'https://example.org/x1'|'dense_tflops.fp8': 'https://example.org/x1'|figure dense_tflops.bf16 has no",
    "'decode_profile': 'p'|'decode_profile': 'q'|decode_profile \"q\" is not one of",
    "'id': 'x1'|'id': 'X 1'|lowercase slug",
  })
  void rejectsMalformedEntries(String from, String to, String problem) {
    String broken = GOOD.replace(from, to);
    assertThat(broken).isNotEqualTo(GOOD);
    assertThatThrownBy(() -> read("{" + PROFILES + "'accelerators': [" + broken + "]}"))
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("gpus-test.json: accelerators[0]")
        .hasMessageContaining(problem);
  }

  @Test
  void rejectsAnAliasThatNamesTwoAccelerators() {
    String other = GOOD.replace("'id': 'x1'", "'id': 'x2'");
    assertThatThrownBy(() -> read("{" + PROFILES + "'accelerators': [" + GOOD + "," + other + "]}"))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("alias \"x\" is repeated");
  }

  @Test
  void rejectsADecodeProfileWithoutASourceOrWithAnAbsurdEfficiency() {
    String noSource = PROFILES.replace(", 'source': 'https://example.org/fit'", "");
    assertThatThrownBy(() -> read("{" + noSource + "'accelerators': [" + GOOD + "]}"))
        .isInstanceOf(BadInputException.class).hasMessageContaining("decode_profiles.p").hasMessageContaining("source");
    String tooGood = PROFILES.replace("0.9", "1.5");
    assertThatThrownBy(() -> read("{" + tooGood + "'accelerators': [" + GOOD + "]}"))
        .isInstanceOf(BadInputException.class).hasMessageContaining("bandwidth_efficiency (1.5)");
  }
}
