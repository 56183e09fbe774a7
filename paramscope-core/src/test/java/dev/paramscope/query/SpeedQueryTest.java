package dev.paramscope.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paramscope.BadInputException;
import dev.paramscope.hardware.Gpu;
import dev.paramscope.hardware.HardwareCatalog;
import dev.paramscope.report.Entry;
import dev.paramscope.report.Message;
import dev.paramscope.report.Report;
import dev.paramscope.report.Value;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code speed} answers on every accelerator, and its decode step is overhead + bytes at a bandwidth share. */
class SpeedQueryTest {
  private static final ResolvedModel LLAMA = ModelSource.resolve("llama-3.1-8b", null);

  static Stream<String> accelerators() {
    return HardwareCatalog.builtIn().all().stream().map(Gpu::id);
  }

  private static Report speed(String gpu, String dtype, Double efficiency, Double overheadMs) {
    return SpeedQuery.report(LLAMA, new SpeedQuery.Options(gpu, 4096, 1, dtype, null, 0.5, efficiency, overheadMs, false));
  }

  private static Value value(Report r, String key) {
    return r.entries().stream().filter(e -> e instanceof Entry.Field f && f.key().equals(key))
        .map(e -> ((Entry.Field) e).value()).findFirst().orElseThrow(() -> new AssertionError("no " + key));
  }

  private static double number(Report r, String key) {
    return ((Value.Decimal) value(r, key)).value();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("accelerators")
  void answersForEveryAcceleratorInTheCatalog(String id) {
    Report r = speed(id, null, null, null);
    assertThat(number(r, "decode_tokens_per_second_per_sequence")).isPositive().isFinite();
    boolean hasPeak = !(value(r, "peak_dtype") instanceof Value.Missing);
    assertThat(value(r, "prefill_seconds") instanceof Value.Missing).isEqualTo(!hasPeak);
  }

  @Test
  void aMissingPeakDropsTheComputeBoundAndSaysSo() {
    // The catalog records no compute rate for Apple GPUs or the A10G (no datasheet figure).
    Report m2 = speed("m2-ultra", null, null, null);
    assertThat(value(m2, "peak_dtype")).isInstanceOf(Value.Missing.class);
    assertThat(value(m2, "crossover_batch")).isInstanceOf(Value.Missing.class);
    assertThat(m2.notes()).extracting(Message::key).contains("note.speed.no_peak");
    // V100 has no BF16 rate: its FP16 tensor rate stands in, with a note.
    Report v100 = speed("v100", null, null, null);
    assertThat(value(v100, "peak_dtype")).isEqualTo(new Value.Text("fp16"));
    assertThat(v100.notes()).extracting(Message::key).contains("note.speed.peak_stand_in");
  }

  @Test
  void decodeStepIsOverheadPlusBytesAtTheBandwidthShare() {
    // Llama 3.1 8B BF16 on one H100 SXM at 4096 tokens: weights 16,060,522,496 B + KV 4096 x 131,072 B
    // = 16,597,393,408 B read per step; at 3.35 TB/s x 0.5 that is 9.9089 ms, plus the 2 ms overhead.
    Report r = speed("h100", null, 0.5, 2.0);
    double expected = 2e-3 + (16_060_522_496.0 + 4096.0 * 131_072) / (3.35e12 * 0.5);
    assertThat(number(r, "decode_step_seconds")).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(number(r, "token_overhead_ms")).isEqualTo(2.0);
    // Defaults come from the accelerator's decode profile.
    Gpu h100 = HardwareCatalog.builtIn().find("h100").orElseThrow();
    Report d = speed("h100", null, null, null);
    assertThat(number(d, "bandwidth_efficiency")).isEqualTo(h100.decode().bandwidthEfficiency());
    assertThat(number(d, "token_overhead_ms")).isEqualTo(h100.decode().tokenOverheadSeconds() * 1e3);
  }

  @Test
  void aProfileWithoutItsOwnMeasurementsSaysWhoseFitItBorrows() {
    assertThat(speed("mi300x", null, null, null).notes()).extracting(Message::key)
        .contains("note.speed.decode_profile_borrowed").doesNotContain("note.speed.decode_profile");
    assertThat(speed("m2-ultra", null, null, null).notes()).extracting(Message::key)
        .contains("note.speed.decode_profile");
  }

  @Test
  void rejectsAbsurdOverrides() {
    assertThatThrownBy(() -> speed("h100", null, 1.5, null)).isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("--bandwidth-efficiency");
    assertThatThrownBy(() -> speed("h100", null, null, -1.0)).isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("--token-overhead-ms");
  }
}
