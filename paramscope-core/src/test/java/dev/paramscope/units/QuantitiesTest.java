package dev.paramscope.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import org.junit.jupiter.api.Test;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuantitiesTest {
  @ParameterizedTest(name = "{0} -> {1} / {2}")
  @CsvSource(delimiter = '|', textBlock = """
      0             | 0        | 0
      999           | 999      | 999
      124439808     | 124 M    | 1.24 亿
      8030261248    | 8.03 B   | 80.3 亿
      8000000000    | 8.00 B   | 80.0 亿
      175000000000  | 175 B    | 1750 亿
      200000000000  | 200 B    | 2000 亿
      671026419200  | 671 B    | 6710 亿
      1760000000000 | 1.76 T   | 1.76 万亿
      999999999     | 1.00 B   | 10.0 亿
      35840         | 35.8 K   | 3.58 万
      """)
  void countsReadLikeEachLanguageSaysThem(long value, String en, String zh) {
    assertThat(Quantities.count(value, Lang.EN)).isEqualTo(en);
    assertThat(Quantities.count(value, Lang.ZH)).isEqualTo(zh);
  }

  @ParameterizedTest(name = "{0} bytes -> {1} / {2}")
  @CsvSource(delimiter = '|', textBlock = """
      1600000000000 | 1600 GB  | 1490 GiB
      16060522496   | 16.1 GB  | 15.0 GiB
      248879616     | 0.249 GB | 0.232 GiB
      5772288       | 5.77 MB  | 5.50 MiB
      524288        | 0.524 MB | 0.500 MiB
      4096          | 4.10 KB  | 4.00 KiB
      0             | 0 GB     | 0 GiB
      """)
  void bytesAreLabelledGbOrGib(long bytes, String gb, String gib) {
    // The seed article's worked example: 200B parameters x 8 bytes (FP64) = 1600 GB.
    assertThat(Quantities.bytes(bytes, ByteUnit.GB)).isEqualTo(gb);
    assertThat(Quantities.bytes(bytes, ByteUnit.GIB)).isEqualTo(gib);
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(delimiter = '|', textBlock = """
      2T          | 2000000000000
      8.03B       | 8030000000
      70b         | 70000000000
      175e9       | 175000000000
      300_000_000 | 300000000
      1,000       | 1000
      1.4T        | 1400000000000
      """)
  void parsesCounts(String text, long expected) {
    assertThat(Quantities.parseCount(text)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(delimiter = '|', textBlock = """
      80GiB  | 85899345920
      80GB   | 80000000000
      24G    | 24000000000
      512MiB | 536870912
      1000   | 1000
      1.5TB  | 1500000000000
      """)
  void parsesBytes(String text, long expected) {
    assertThat(Quantities.parseBytes(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"-5", "abc", "''", "99999999999999999999T"})
  void rejectsNonCounts(String text) {
    assertThatThrownBy(() -> Quantities.parseCount(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void amountsOfAHundredAndMoreRoundAsFormatterDoes() {
    double[] values = {100, 100.5, 101.5, 149.49999999999997, 1600.0000000000002, 999.5, 12345.5, 1e15 + 0.5,
        4.5e15, 9.007199254740993e15, 1e22, 372.52902984619140625};
    for (double v : values) {
      assertThat(Quantities.amount(v)).as("%s", v).isEqualTo(String.format(java.util.Locale.ROOT, "%.0f", v));
      assertThat(Quantities.amount(-v)).as("%s", -v).isEqualTo(String.format(java.util.Locale.ROOT, "%.0f", -v));
    }
    java.util.Random random = new java.util.Random(42);
    for (int i = 0; i < 20_000; i++) {
      double v = 100 + random.nextDouble() * Math.pow(10, random.nextInt(18));
      assertThat(Quantities.amount(v)).as("%s", v).isEqualTo(String.format(java.util.Locale.ROOT, "%.0f", v));
    }
  }

  @Test
  void threeSignificantDigitsRoundTheExactValueHalfEven() {
    assertThat(Quantities.threeSignificant(8)).isEqualTo("8.00");
    assertThat(Quantities.threeSignificant(0.5)).isEqualTo("0.500");
    assertThat(Quantities.threeSignificant(2.125)).isEqualTo("2.12"); // an exact tie, half-even
    assertThat(Quantities.threeSignificant(2.375)).isEqualTo("2.38");
    assertThat(Quantities.threeSignificant(999.5)).isEqualTo("1000");
    assertThat(Quantities.threeSignificant(1234)).isEqualTo("1230");
    assertThat(Quantities.threeSignificant(0.001234)).isEqualTo("0.00123");
    assertThat(Quantities.threeSignificant(Math.nextDown(10.0))).isEqualTo("10.0");
  }
}
