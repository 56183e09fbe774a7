package dev.paramscope.report;

import dev.paramscope.units.Quantities;
import java.util.Locale;

/** Formats values for people (tables, Markdown). Deterministic: {@link Locale#ROOT}. */
final class HumanValues {
  private HumanValues() {}

  /** A compact cell: counts scaled ({@code 8.03 B}), bytes in the chosen unit. */
  static String cell(Value value, RenderOptions options) {
    Messages messages = options.messages();
    if (value instanceof Value.Count c) {
      return Quantities.count(c.value(), options.lang());
    } else if (value instanceof Value.Bytes b) {
      return Quantities.bytes(b.value(), b.unitOr(options.byteUnit()));
    } else if (value instanceof Value.Int i) {
      return Long.toString(i.value());
    } else if (value instanceof Value.Decimal d) {
      if (d.pattern().equals(Value.Decimal.EXACT)) {
        return Double.isFinite(d.value())
            ? java.math.BigDecimal.valueOf(d.value()).stripTrailingZeros().toPlainString() : "—";
      }
      return decimal(d);
    } else if (value instanceof Value.Text t) {
      return t.value();
    } else if (value instanceof Value.Labelled l) {
      return l.display();
    } else if (value instanceof Value.Term t) {
      return messages.term(t.key());
    } else if (value instanceof Value.Flag f) {
      return messages.term(f.value() ? "yes" : "no");
    }
    return "—";
  }

  /**
   * A decimal by its pattern, except that a {@code %.Ng} pattern prints plain digits (N significant,
   * {@code 1553000}, {@code 0.006967}) between 10^-3 and 10^9, and keeps the exponent only outside
   * (FLOPs: {@code 4.818e+18}).
   */
  static String decimal(Value.Decimal d) {
    java.util.regex.Matcher g = SIGNIFICANT.matcher(d.pattern());
    double v = d.value();
    if (g.matches() && Double.isFinite(v) && v != 0 && Math.abs(v) >= 1e-3 && Math.abs(v) < 1e9) {
      int digits = Integer.parseInt(g.group(1));
      java.math.BigDecimal rounded = new java.math.BigDecimal(v)
          .round(new java.math.MathContext(digits, java.math.RoundingMode.HALF_UP));
      int integerDigits = rounded.precision() - rounded.scale();
      return rounded.setScale(Math.max(0, digits - integerDigits), java.math.RoundingMode.HALF_UP).toPlainString();
    }
    return String.format(Locale.ROOT, d.pattern(), v);
  }

  private static final java.util.regex.Pattern SIGNIFICANT = java.util.regex.Pattern.compile("%\\.([1-9])g");

  /** A field value: counts also exact ({@code 8,030,261,248 (8.03 B)}). */
  static String field(Value value, RenderOptions options) {
    if (value instanceof Value.Count c && Math.abs(c.value()) >= 1000) {
      return grouped(c.value()) + "  (" + cell(value, options) + ")";
    }
    if (value instanceof Value.Bytes b) {
      return cell(value, options) + "  (" + grouped(b.value()) + " bytes)";
    }
    return cell(value, options);
  }

  /** Digits grouped by commas, independent of the locale: 8,030,261,248. */
  static String grouped(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  static boolean isNumeric(Value value) {
    return value instanceof Value.Count
        || value instanceof Value.Bytes
        || value instanceof Value.Int
        || value instanceof Value.Decimal;
  }
}
