package dev.paramscope.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class HumanValuesTest {
  @Test
  void groupsDigitsByThousandsWithCommasIndependentOfLocale() {
    assertThat(HumanValues.grouped(0)).isEqualTo("0");
    assertThat(HumanValues.grouped(999)).isEqualTo("999");
    assertThat(HumanValues.grouped(1000)).isEqualTo("1,000");
    assertThat(HumanValues.grouped(8_030_261_248L)).isEqualTo("8,030,261,248");
    assertThat(HumanValues.grouped(-1_234_567)).isEqualTo("-1,234,567");
    assertThat(HumanValues.grouped(-100)).isEqualTo("-100");
    assertThat(HumanValues.grouped(Long.MIN_VALUE)).isEqualTo("-9,223,372,036,854,775,808");
    assertThat(HumanValues.grouped(Long.MAX_VALUE)).isEqualTo("9,223,372,036,854,775,807");
  }

  @Test
  void agreesWithTheFormatterOnEveryMagnitude() {
    for (long v = 1; v > 0 && v < Long.MAX_VALUE / 7; v = v * 7 + 3) {
      assertThat(HumanValues.grouped(v)).isEqualTo(String.format(Locale.ROOT, "%,d", v));
      assertThat(HumanValues.grouped(-v)).isEqualTo(String.format(Locale.ROOT, "%,d", -v));
    }
  }

  /** %g patterns print plain digits where people read them (seconds, tokens/s) and keep e+ only for huge values. */
  @Test
  void significantDigitPatternsPrintPlainDigitsInTheMiddleRange() {
    assertThat(HumanValues.decimal(new Value.Decimal(1_552_960.0, "%.4g"))).isEqualTo("1553000");
    assertThat(HumanValues.decimal(new Value.Decimal(0.4247, "%.4g"))).isEqualTo("0.4247");
    assertThat(HumanValues.decimal(new Value.Decimal(0.006967, "%.4g"))).isEqualTo("0.006967");
    assertThat(HumanValues.decimal(new Value.Decimal(2.5, "%.4g"))).isEqualTo("2.500");
    assertThat(HumanValues.decimal(new Value.Decimal(4.818e18, "%.4g"))).isEqualTo("4.818e+18");
    assertThat(HumanValues.decimal(new Value.Decimal(0.5, "%.2f"))).isEqualTo("0.50");
  }

  /** A byte cell far below its column's unit names its own unit. */
  @Test
  void tinyByteCellsNameTheirOwnUnit() {
    RenderOptions options = RenderOptions.defaults();
    assertThat(ColumnUnits.bare(new Value.Bytes(96), options)).isEqualTo("0.0960 KB");
    assertThat(ColumnUnits.bare(new Value.Bytes(16_060_522_496L), options)).isEqualTo("16.1");
    assertThat(ColumnUnits.bare(new Value.Bytes(0), options)).isEqualTo("0");
  }
}
