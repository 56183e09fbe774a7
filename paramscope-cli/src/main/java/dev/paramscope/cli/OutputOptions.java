package dev.paramscope.cli;

import dev.paramscope.report.RenderOptions;
import dev.paramscope.report.Report;
import dev.paramscope.report.ReportFormat;
import dev.paramscope.units.ByteUnit;
import dev.paramscope.units.Lang;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** The options every command shares: output format, language, byte unit, verbosity. */
final class OutputOptions {
  @Option(names = "--format", paramLabel = "FORMAT", converter = Converters.Format.class,
      description = "Output format: table, json, csv or markdown (default: ${DEFAULT-VALUE}).",
      defaultValue = "table")
  ReportFormat format = ReportFormat.TABLE;

  @Option(names = "--lang", paramLabel = "LANG", converter = Converters.Language.class,
      description = "Language of the output: en or zh (default: from the system locale).")
  Lang lang;

  @Option(names = "--units", paramLabel = "UNIT", converter = Converters.Bytes.class,
      description = "Byte unit for people formats: GB (10^9 bytes) or GiB (2^30 bytes) (default: ${DEFAULT-VALUE}).",
      defaultValue = "GB")
  ByteUnit units = ByteUnit.GB;

  @Option(names = "--verbose", description = "Print stack traces of errors.")
  boolean verbose;

  RenderOptions renderOptions() {
    return new RenderOptions(lang == null ? Lang.fromDefaultLocale() : lang, units);
  }

  void print(PrintWriter out, Report report) {
    out.print(format.render(report, renderOptions()));
    out.flush();
  }
}
