package dev.paramscope.report;

import dev.paramscope.units.ByteUnit;
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

  /** The fixed unit shared by every byte cell of column {@code c} (GPU capacity in GiB), else null. */
  static ByteUnit fixedUnit(Entry.Table table, int c) {
    ByteUnit unit = null;
    for (List<Value> row : table.rows()) {
      if (row.get(c) instanceof Value.Bytes b) {
        if (b.unit() == null || (unit != null && unit != b.unit())) {
          return null;
        }
        unit = b.unit();
      }
    }
    return unit;
  }

  /** The unit a column's header names: its fixed unit, else the chosen one unless captioned; null for none. */
  static String headerUnit(Entry.Table table, int c, boolean[] bytesOnly, boolean captioned, RenderOptions options) {
    ByteUnit fixed = bytesOnly[c] ? fixedUnit(table, c) : null;
    if (fixed != null) {
      return fixed.label();
    }
    return bytesOnly[c] && !captioned ? options.byteUnit().label() : null;
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
      double inUnit = b.value() / (double) b.unitOr(options.byteUnit()).bytes();
      // below 0.01 of the header's unit a cell names its own (0.0960 KB, not 0.0000000960 GB)
      return b.value() != 0 && Math.abs(inUnit) < 0.01
          ? Quantities.bytes(b.value(), b.unitOr(options.byteUnit())) : Quantities.amount(inUnit);
    }
    return HumanValues.cell(value, options);
  }
}
