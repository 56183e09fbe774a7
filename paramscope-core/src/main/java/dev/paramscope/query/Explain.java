package dev.paramscope.query;

import dev.paramscope.report.Entry;
import dev.paramscope.report.Message;
import dev.paramscope.report.Report;
import dev.paramscope.report.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --explain}: for each number, its formula, the inputs with their values, and the source.
 * JSON gets a table {@code explain: [{quantity, value, formula, inputs, source}]}; people get one
 * note per number.
 */
final class Explain {
  private final boolean enabled;
  private final List<List<Value>> rows = new ArrayList<>();

  Explain(boolean enabled) {
    this.enabled = enabled;
  }

  Explain add(String quantity, Value value, String formula, String inputs, String source) {
    if (enabled) {
      rows.add(List.of(new Value.Text(quantity), value, new Value.Text(formula), new Value.Text(inputs),
          new Value.Text(source)));
    }
    return this;
  }

  void addTo(Report.Builder b) {
    if (!enabled) {
      return;
    }
    b.entry(new Entry.Table("explain", List.of("quantity", "value", "formula", "inputs", "source"), rows, List.of()));
    for (List<Value> row : rows) {
      b.note(Message.of("note.explain", text(row.get(0)), text(row.get(2)), text(row.get(3)), text(row.get(4))));
    }
  }

  private static String text(Value v) {
    return v instanceof Value.Text t ? t.value() : String.valueOf(v);
  }
}
