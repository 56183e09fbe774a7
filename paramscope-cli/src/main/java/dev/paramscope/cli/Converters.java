package dev.paramscope.cli;

import dev.paramscope.report.ReportFormat;
import dev.paramscope.units.ByteUnit;
import dev.paramscope.units.Lang;
import dev.paramscope.units.Quantities;
import picocli.CommandLine.ITypeConverter;

/** Type converters for option values ({@code json}, {@code zh}, {@code GiB}, {@code 2T}, {@code 80GiB}). */
final class Converters {
  private Converters() {}

  static final class Format implements ITypeConverter<ReportFormat> {
    @Override
    public ReportFormat convert(String value) {
      return ReportFormat.parse(value);
    }
  }

  static final class Language implements ITypeConverter<Lang> {
    @Override
    public Lang convert(String value) {
      return Lang.parse(value);
    }
  }

  static final class Bytes implements ITypeConverter<ByteUnit> {
    @Override
    public ByteUnit convert(String value) {
      return ByteUnit.parse(value);
    }
  }

  /** A count such as {@code 2T} or {@code 8.03B}. */
  static final class Count implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      return Quantities.parseCount(value);
    }
  }

  /** A byte size such as {@code 80GiB}. */
  static final class ByteSize implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      return Quantities.parseBytes(value);
    }
  }
}
