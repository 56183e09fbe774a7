package dev.paramscope.cli;

import dev.paramscope.report.ReportFormat;
import dev.paramscope.units.ByteUnit;
import dev.paramscope.units.Lang;
import dev.paramscope.units.Quantities;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Type converters for option values ({@code json}, {@code zh}, {@code GiB}, {@code 2T},
 * {@code 80GiB}, {@code 0.4}, {@code 16}). Numbers are read strictly: ASCII digits only (Java's
 * parsers also take other scripts' digits), no {@code 1,000} (a thousand or one, by locale), no
 * {@code Infinity}, {@code NaN}, hexadecimal or type suffixes, no exponent past two or three digits
 * (so {@code 1e309} and {@code 1e999999999} are refused, not turned into infinity or a huge number).
 */
final class Converters {
  private Converters() {}

  private static final String DIGITS = "[0-9]+(?:_[0-9]+)*";
  private static final Pattern COUNT = Pattern.compile(DIGITS + "(?:\\.[0-9]+)?(?:[eE]\\+?[0-9]{1,2})? ?[KMBGTkmbgt]?");
  private static final Pattern BYTES = Pattern.compile(DIGITS + "(?:\\.[0-9]+)? ?(?:[KMGTkmgt](?:[iI])?[bB]?|[bB])?");
  private static final Pattern DECIMAL = Pattern.compile("(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]{1,3})?");
  private static final Pattern INTEGER = Pattern.compile("[0-9]{1,10}");

  static final class Format implements ITypeConverter<ReportFormat> {
    @Override
    public ReportFormat convert(String value) {
      return plain(() -> ReportFormat.parse(value));
    }
  }

  static final class Language implements ITypeConverter<Lang> {
    @Override
    public Lang convert(String value) {
      return plain(() -> Lang.parse(value));
    }
  }

  static final class Bytes implements ITypeConverter<ByteUnit> {
    @Override
    public ByteUnit convert(String value) {
      return plain(() -> ByteUnit.parse(value));
    }
  }

  /** A count such as {@code 2T}, {@code 8.03B} or {@code 175e9}. */
  static final class Count implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      check(COUNT, value, "a count such as 8B, 2T or 175e9");
      return parsed(() -> Quantities.parseCount(value));
    }
  }

  /** A byte size such as {@code 80GiB}. */
  static final class ByteSize implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      check(BYTES, value, "a size such as 80GiB, 24GB or 512MiB");
      return parsed(() -> Quantities.parseBytes(value));
    }
  }

  /** A finite non-negative decimal such as {@code 0.4} or {@code 1e24}; registered for every double option. */
  static final class Decimal implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      check(DECIMAL, value, "a decimal number such as 0.4 or 1e24");
      double d = Double.parseDouble(value);
      if (!Double.isFinite(d)) {
        throw new TypeConversionException("'" + value + "' is too large");
      }
      return d;
    }
  }

  /** A non-negative int such as {@code 16}; registered for every int option. */
  static final class Int implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      check(INTEGER, value, "a whole number such as 16");
      long n = Long.parseLong(value);
      if (n > Integer.MAX_VALUE) {
        throw new TypeConversionException("'" + value + "' is too large (at most " + Integer.MAX_VALUE + ")");
      }
      return (int) n;
    }
  }

  private static void check(Pattern pattern, String value, String expected) {
    if (!pattern.matcher(value).matches()) {
      throw new TypeConversionException("'" + ErrorHandler.printable(value) + "' is not " + expected);
    }
  }

  private static long parsed(java.util.function.LongSupplier parse) {
    try {
      return parse.getAsLong();
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }

  /** The library's message alone: picocli would otherwise add the exception's class name. */
  private static <T> T plain(java.util.function.Supplier<T> parse) {
    try {
      return parse.get();
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
