package dev.paramscope.report;

import dev.paramscope.units.Quantities;
import java.util.List;

/**
 * A table column whose values are all byte counts shows its unit once, in the header
 * ({@code BF16 GB}), and bare numbers in the cells, so wide comparisons fit 80 columns.
 */
final class ColumnUnits {
  private ColumnUnits() {}

  static boolean[] bytesOnly(Entry.Table table) {
    boolean[] result = new boolean[table.columns().size()];
    for (int c = 0; c < result.length; c++) {
      boolean any = false;
      boolean all = true;
      for (List<Value> row : table.rows()) {
        Value v = row.get(c);
        any |= v instanceof Value.Bytes;
        all &= v instanceof Value.Bytes || v instanceof Value.Missing;
      }
      result[c] = any && all;
    }
    return result;
  }

  /**
   * True when the unit goes in a caption under the table rather than in each header: when three or
   * more columns are byte sizes, repeating "GB" in every header would cost the width it saves.
   */
  static boolean captioned(boolean[] bytesOnly) {
    int n = 0;
    for (boolean b : bytesOnly) {
      n += b ? 1 : 0;
    }
    return n >= 3;
  }

  static String bare(Value value, RenderOptions options) {
    if (value instanceof Value.Bytes b) {
      return Quantities.amount(b.value() / (double) options.byteUnit().bytes());
    }
    return HumanValues.cell(value, options);
  }
}
