package dev.paramscope.units;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Formats and parses parameter counts and byte sizes for people. Formatting is fixed
 * ({@link Locale#ROOT}, no grouping separators) so output is deterministic on every machine.
 *
 * <p>Counts use three significant digits with the scale words of the language: {@code 8.03 B} in
 * English, {@code 80.3 亿} in Chinese. Bytes use a fixed unit so a column compares at a glance:
 * {@code 1600 GB}, {@code 16.1 GB}, {@code 0.248 GB}.
 */
public final class Quantities {
  private Quantities() {}

  private static final String[] EN_SUFFIXES = {"", " K", " M", " B", " T", " Q"};

  /** A parameter (or token) count in the language's scale words, three significant digits. */
  public static String count(long value, Lang lang) {
    if (value < 0) {
      return "-" + count(-value, lang);
    }
    return lang == Lang.ZH ? countZh(value) : countEn(value);
  }

  private static String countEn(long value) {
    if (value < 1000) {
      return Long.toString(value);
    }
    int group = 0;
    double scaled = value;
    while (scaled >= 999.5 && group < EN_SUFFIXES.length - 1) {
      scaled /= 1000.0;
      group++;
    }
    return threeSignificant(scaled) + EN_SUFFIXES[group];
  }

  private static String countZh(long value) {
    if (value < 10_000) {
      return Long.toString(value);
    }
    // 万 = 10^4, 亿 = 10^8, 万亿 = 10^12 (the usual way to say trillion in mainland Chinese).
    if (value < 99_995_000L) {
      return threeSignificant(value / 1e4) + " 万";
    }
    if (value < 999_950_000_000L) {
      return threeSignificant(value / 1e8) + " 亿";
    }
    return threeSignificant(value / 1e12) + " 万亿";
  }

  /**
   * Bytes in the given unit with the unit's label: {@code 1600 GB}, {@code 14.9 GiB}; below a
   * hundredth of the unit, the same family's MB/MiB or KB/KiB ({@code 5.77 MB}, {@code 512 KiB}).
   */
  public static String bytes(long bytes, ByteUnit unit) {
    double value = bytes / (double) unit.bytes();
    if (bytes == 0 || Math.abs(value) >= 0.01) {
      return amount(value) + " " + unit.label();
    }
    boolean binary = unit == ByteUnit.GIB;
    double mega = binary ? 1 << 20 : 1e6;
    if (Math.abs(bytes) >= mega / 100) {
      return amount(bytes / mega) + (binary ? " MiB" : " MB");
    }
    double kilo = binary ? 1024 : 1e3;
    return amount(bytes / kilo) + (binary ? " KiB" : " KB");
  }

  /**
   * A positive amount with at least three significant digits and no exponent: {@code 1600},
   * {@code 16.1}, {@code 0.248}.
   */
  public static String amount(double value) {
    if (value == 0) {
      return "0";
    }
    if (Math.abs(value) >= 100) {
      // Half-up on the shortest decimal form, as String.format("%.0f") prints it.
      return BigDecimal.valueOf(value).setScale(0, RoundingMode.HALF_UP).toPlainString();
    }
    return threeSignificant(value);
  }

  /**
   * Three significant digits, trailing zeros kept (8.00, 80.3, 175): the double's exact decimal
   * expansion rounded half-even.
   */
  static String threeSignificant(double value) {
    BigDecimal d = new BigDecimal(value).round(new java.math.MathContext(3, RoundingMode.HALF_EVEN));
    int integerDigits = d.precision() - d.scale();
    return d.setScale(Math.max(0, 3 - integerDigits), RoundingMode.HALF_EVEN).toPlainString();
  }

  /**
   * Parses a count such as {@code 2T}, {@code 8.03B}, {@code 175e9}, {@code 300_000_000},
   * {@code 1,000}, {@code 70b}. Suffixes K, M, B (or G), T are powers of 10^3.
   *
   * @throws IllegalArgumentException when the text is not a non-negative count or overflows a long
   */
  public static long parseCount(String text) {
    String t = text.trim().replace("_", "").replace(",", "");
    if (t.isEmpty()) {
      throw new IllegalArgumentException("empty count");
    }
    long multiplier = 1;
    char last = Character.toUpperCase(t.charAt(t.length() - 1));
    switch (last) {
      case 'K': multiplier = 1_000L; break;
      case 'M': multiplier = 1_000_000L; break;
      case 'B':
      case 'G': multiplier = 1_000_000_000L; break;
      case 'T': multiplier = 1_000_000_000_000L; break;
      default: break;
    }
    if (multiplier != 1) {
      t = t.substring(0, t.length() - 1).trim();
    }
    return toLong(t, multiplier, text);
  }

  /**
   * Parses a byte size: {@code 80GiB}, {@code 80GB}, {@code 24G} (read as GB), {@code 512MiB},
   * {@code 1.5TB}, {@code 1000} (bytes). Units: B, KB/KiB, MB/MiB, GB/GiB, TB/TiB.
   */
  public static long parseBytes(String text) {
    String t = text.trim().replace("_", "").replace(",", "");
    String upper = t.toUpperCase(Locale.ROOT);
    String[][] units = {
      {"TIB", "1099511627776"}, {"GIB", "1073741824"}, {"MIB", "1048576"}, {"KIB", "1024"},
      {"TB", "1000000000000"}, {"GB", "1000000000"}, {"MB", "1000000"}, {"KB", "1000"},
      {"T", "1000000000000"}, {"G", "1000000000"}, {"M", "1000000"}, {"K", "1000"}, {"B", "1"}
    };
    for (String[] unit : units) {
      if (upper.endsWith(unit[0])) {
        String number = t.substring(0, t.length() - unit[0].length()).trim();
        return toLong(number, Long.parseLong(unit[1]), text);
      }
    }
    return toLong(t, 1, text);
  }

  private static long toLong(String number, long multiplier, String original) {
    BigDecimal value;
    try {
      value = new BigDecimal(number);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a number: '" + original + "'");
    }
    if (value.signum() < 0) {
      throw new IllegalArgumentException("must not be negative: '" + original + "'");
    }
    BigDecimal scaled = value.multiply(BigDecimal.valueOf(multiplier));
    try {
      return scaled.setScale(0, RoundingMode.HALF_UP).longValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("too large: '" + original + "'");
    }
  }
}
