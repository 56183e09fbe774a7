package dev.paramscope.forensics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paramscope.BadInputException;
import org.junit.jupiter.api.Test;

class PriceBoundTest {
  @Test
  void activeParamsAtTheEndsOfTheRanges() {
    // $10 per M tokens at 1e15 FLOP/s: high end $1/h, 50% utilisation, no margin:
    // 1e-5 $/token × 1e15 × 0.5 × 3600 / (2 × $1) = 9e12.
    PriceBound p = new PriceBound(10, 1e15, new ValueRange(1, 4), new ValueRange(0.05, 0.5), new ValueRange(0, 0.8));
    assertThat(p.activeParamsHigh()).isCloseTo(9e12, org.assertj.core.data.Offset.offset(1e3));
    assertThat(p.activeParamsLow()).isCloseTo(1e-5 * 0.2 * 1e15 * 0.05 * 3600 / 8, org.assertj.core.data.Offset.offset(1e3));
  }

  @Test
  void rangesParseAndBadOnesAreNamed() {
    assertThat(ValueRange.parse("--margin", "0-0.8")).isEqualTo(new ValueRange(0, 0.8));
    assertThat(ValueRange.parse("--margin", "0.3")).isEqualTo(new ValueRange(0.3, 0.3));
    assertThat(ValueRange.parse("--x", "1e-3..2e-3")).isEqualTo(new ValueRange(1e-3, 2e-3));
    assertThatThrownBy(() -> ValueRange.parse("--margin", "0.8-0.2")).isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("--margin: '0.8-0.2'");
    assertThatThrownBy(() -> new PriceBound(10, 1e15, new ValueRange(1, 4), new ValueRange(0.05, 0.5),
        new ValueRange(0, 1))).isInstanceOf(BadInputException.class).hasMessageStartingWith("--margin");
  }
}
