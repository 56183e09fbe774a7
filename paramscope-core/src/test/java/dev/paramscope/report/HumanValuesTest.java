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
}
