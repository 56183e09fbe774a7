package dev.paramscope.forensics;

import dev.paramscope.BadInputException;
import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;

/**
 * A streaming reader of comma-separated numbers, one vector per line. Fields are bounded in
 * length and the value count in total, so no line of a hostile file is ever held whole.
 */
final class CsvNumbers {
  private final Reader reader;
  private final String name;
  private final int maxField;
  private final long maxValues;
  private double[] values = new double[1024];
  private int count;
  private int cols = -1;
  private int rows;

  CsvNumbers(Reader reader, String name, int maxField, long maxValues) {
    this.reader = reader;
    this.name = name;
    this.maxField = maxField;
    this.maxValues = maxValues;
  }

  void readAll() throws IOException {
    StringBuilder field = new StringBuilder();
    int inRow = 0;
    int c;
    while ((c = reader.read()) != -1) {
      if (c == '\n' && inRow == 0 && field.toString().isBlank()) {
        field.setLength(0); // a blank line
      } else if (c == ',' || c == '\n') {
        add(field, inRow++);
        if (c == '\n') {
          endRow(inRow);
          inRow = 0;
        }
      } else if (c != '\r') {
        if (field.length() == maxField) {
          throw new BadInputException(name, "line " + (rows + 1) + ": a field longer than " + maxField
              + " characters is not a number");
        }
        field.append((char) c);
      }
    }
    if (field.length() > 0 || inRow > 0) {
      add(field, inRow++);
      endRow(inRow);
    }
    if (rows == 0) {
      throw new BadInputException(name, "no logit vectors (an empty CSV file)");
    }
  }

  private void add(StringBuilder field, int column) {
    String text = field.toString().trim();
    field.setLength(0);
    double v;
    try {
      v = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new BadInputException(name, "line " + (rows + 1) + ", column " + (column + 1) + ": '" + text
          + "' is not a number (CSV: numbers only, no header)");
    }
    if (!Double.isFinite(v)) {
      throw new BadInputException(name, "line " + (rows + 1) + ", column " + (column + 1) + ": " + text
          + " is not a finite number");
    }
    if (count == values.length) {
      if (count >= maxValues) {
        throw new BadInputException(name, "more than " + maxValues
            + " values; sample vocabulary columns (the rank is kept while columns exceed the width)");
      }
      values = Arrays.copyOf(values, (int) Math.min(maxValues, 2L * values.length));
    }
    values[count++] = v;
  }

  private void endRow(int length) {
    if (cols < 0) {
      cols = length;
    } else if (length != cols) {
      throw new BadInputException(name, "line " + (rows + 1) + " has " + length + " values, line 1 has " + cols);
    }
    rows++;
  }

  LogitMatrix matrix() {
    return new LogitMatrix(rows, cols, Arrays.copyOf(values, count));
  }
}
