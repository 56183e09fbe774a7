package dev.paramscope.query;

import dev.paramscope.report.Value;
import dev.paramscope.weights.gguf.GgufArray;
import java.math.BigInteger;

/** Header metadata values as report values: long text and arrays shortened for people. */
final class MetadataValues {
  private MetadataValues() {}

  private static final int SHOWN_CHARS = 60;

  static Value of(Object value) {
    if (value == null) {
      return new Value.Missing();
    }
    if (value instanceof Long l) {
      return new Value.Int(l);
    }
    if (value instanceof BigInteger big) {
      return new Value.Text(big.toString());
    }
    if (value instanceof Double d) {
      return new Value.Decimal(d, Value.Decimal.EXACT);
    }
    if (value instanceof Boolean b) {
      return new Value.Flag(b);
    }
    if (value instanceof GgufArray array) {
      String summary = "[" + array.length() + " × " + array.elementType().toLowerCase(java.util.Locale.ROOT) + "]";
      return new Value.Labelled(summary, summary);
    }
    String text = value.toString();
    String shown = text.replace('\n', ' ');
    if (shown.length() > SHOWN_CHARS) {
      shown = shown.substring(0, SHOWN_CHARS - 1) + "…";
    }
    return new Value.Labelled(text, shown);
  }
}
