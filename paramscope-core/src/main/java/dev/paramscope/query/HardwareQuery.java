package dev.paramscope.query;

import dev.paramscope.hardware.ComputeDtype;
import dev.paramscope.hardware.Gpu;
import dev.paramscope.hardware.HardwareCatalog;
import dev.paramscope.report.Entry;
import dev.paramscope.report.Message;
import dev.paramscope.report.Report;
import dev.paramscope.report.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code paramscope hardware}: the accelerator catalog. JSON: {@code gpus: [{id, name, vendor,
 * memory_bytes, usable_memory_bytes, bandwidth_bytes_per_second, bf16_tflops, fp8_tflops,
 * interconnect, usd_per_hour, source}]}; dense figures (sparsity never assumed).
 */
public final class HardwareQuery {
  private HardwareQuery() {}

  public static Report report(String filter) {
    List<List<Value>> rows = new ArrayList<>();
    String f = filter == null ? "" : filter.toLowerCase(Locale.ROOT);
    for (Gpu g : HardwareCatalog.builtIn().all()) {
      if (!f.isEmpty() && !(g.id() + " " + g.name() + " " + g.vendor()).toLowerCase(Locale.ROOT).contains(f)) {
        continue;
      }
      rows.add(List.of(new Value.Text(g.id()), new Value.Text(g.name()), new Value.Text(g.vendor()),
          Value.Bytes.capacity(g.memoryBytes()), Value.Bytes.capacity(g.usableMemoryBytes()),
          new Value.Decimal(g.memoryBandwidthBytesPerSecond() / 1e9, "%.0f"),
          tflops(g, ComputeDtype.BF16), tflops(g, ComputeDtype.FP8),
          new Value.Text(g.interconnect()),
          g.price().<Value>map(p -> new Value.Decimal(p.usdPerHour(), "%.2f")).orElse(new Value.Missing()),
          new Value.Labelled(String.join("; ", g.sources()), g.sources().isEmpty() ? "" : ModelSource.shortCitation(g.sources().get(0)))));
    }
    return Report.builder(Message.of("title.hardware", Integer.toString(rows.size())))
        .entry(new Entry.Table("gpus", List.of("id", "name", "vendor", "memory_bytes", "usable_memory_bytes",
            "bandwidth_gb_per_second", "bf16_tflops", "fp8_tflops", "interconnect", "usd_per_hour", "source"), rows,
            List.of("id", "memory_bytes", "bandwidth_gb_per_second", "bf16_tflops", "fp8_tflops", "usd_per_hour")))
        .note("note.hardware.dense")
        .build();
  }

  private static Value tflops(Gpu g, ComputeDtype d) {
    var v = g.denseFlopsPerSecond(d);
    return v.isPresent() ? new Value.Decimal(v.getAsDouble() / 1e12, "%.0f") : new Value.Missing();
  }
}
