package dev.paramscope.forensics;

import dev.paramscope.BadInputException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A closed range of an assumption as users write it: {@code 2.5} or {@code 1.5-4}. */
public record ValueRange(double low, double high) {
  private static final Pattern RANGE = Pattern.compile(
      "\\s*([0-9][0-9.]*(?:[eE][+-]?[0-9]+)?)\\s*(?:-|\\.\\.|–)\\s*([0-9][0-9.]*(?:[eE][+-]?[0-9]+)?)\\s*");

  public ValueRange {
    if (!(low >= 0) || !(high >= low) || Double.isInfinite(high)) {
      throw new IllegalArgumentException("a range needs 0 ≤ low ≤ high, got " + low + "-" + high);
    }
  }

  /** Parses {@code text} for {@code option}; one clear error when it is neither a number nor LOW-HIGH. */
  public static ValueRange parse(String option, String text) {
    try {
      double v = Double.parseDouble(text.trim());
      return new ValueRange(v, v);
    } catch (IllegalArgumentException e) {
      Matcher m = RANGE.matcher(text);
      try {
        if (m.matches()) {
          return new ValueRange(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)));
        }
      } catch (IllegalArgumentException bad) {
        // reported below
      }
      throw new BadInputException(option, "'" + text + "' is not a number or a range LOW-HIGH with 0 ≤ LOW ≤ HIGH");
    }
  }

  @Override
  public String toString() {
    return low == high ? fmt(low) : fmt(low) + "–" + fmt(high);
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.3g", v);
  }
}
