package dev.paramscope.forensics;

import dev.paramscope.BadInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a logit matrix from a NumPy {@code .npy} file (float32 or float64, C order, 2-D) or a CSV
 * file (one vector per line, comma-separated numbers). Nothing in the file is trusted: the header
 * length, the shape and the element count are checked against bounds and the file size before
 * anything is allocated.
 *
 * <p>The .npy layout follows NumPy's format spec (numpy/lib/format.py, "The .npy format"): the
 * magic {@code \x93NUMPY}, a major and minor version byte, the header length (uint16 little-endian
 * in version 1, uint32 in versions 2 and 3), then an ASCII (v3: UTF-8) Python dict literal with
 * {@code descr}, {@code fortran_order} and {@code shape}, then the raw data.
 */
public final class LogitMatrixReader {
  /** At most this many values (256 MiB as doubles): sample vocabulary columns for larger matrices. */
  public static final long MAX_VALUES = 1L << 25;
  private static final int MAX_NPY_HEADER = 1 << 16;
  private static final int MAX_CSV_FIELD = 64;
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  private LogitMatrixReader() {}

  /** Reads {@code file}: .npy by its magic bytes, CSV otherwise. */
  public static LogitMatrix read(Path file) {
    String name = file.toString();
    try {
      if (!Files.isRegularFile(file)) {
        throw new BadInputException(name, "no such file");
      }
      long size = Files.size(file);
      try (InputStream in = Files.newInputStream(file)) {
        byte[] head = in.readNBytes(MAGIC.length);
        if (java.util.Arrays.equals(head, MAGIC)) {
          return readNpy(in, size, name);
        }
      }
      return readCsv(file, name);
    } catch (IOException e) {
      throw new BadInputException(name, "cannot read: " + e.getMessage(), e);
    }
  }

  private static LogitMatrix readNpy(InputStream in, long fileSize, String name) throws IOException {
    int major = in.read();
    int minor = in.read();
    if (major < 1 || major > 3 || minor != 0) {
      throw new BadInputException(name, ".npy version " + major + "." + minor + " is not 1.0, 2.0 or 3.0");
    }
    int lengthBytes = major == 1 ? 2 : 4;
    byte[] lengthField = in.readNBytes(lengthBytes);
    if (lengthField.length != lengthBytes) {
      throw new BadInputException(name, ".npy header length is cut off");
    }
    ByteBuffer lb = ByteBuffer.wrap(lengthField).order(ByteOrder.LITTLE_ENDIAN);
    long headerLength = major == 1 ? Short.toUnsignedInt(lb.getShort()) : Integer.toUnsignedLong(lb.getInt());
    long dataStart = MAGIC.length + 2L + lengthBytes + headerLength;
    if (headerLength > MAX_NPY_HEADER || dataStart > fileSize) {
      throw new BadInputException(name, ".npy header length " + headerLength + " exceeds the file (" + fileSize
          + " bytes) or the " + MAX_NPY_HEADER + "-byte limit");
    }
    byte[] headerBytes = in.readNBytes((int) headerLength);
    String header = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    int width = elementBytes(header, name);
    long[] shape = shape(header, name);
    long count = checkedCount(shape, name);
    long dataBytes = count * width;
    if (fileSize - dataStart < dataBytes) {
      throw new BadInputException(name, "shape " + shapeText(shape) + " needs " + dataBytes + " data bytes, the file has "
          + (fileSize - dataStart));
    }
    int rows = shape.length == 1 ? 1 : (int) shape[0];
    int cols = (int) shape[shape.length - 1];
    double[] values = new double[(int) count];
    byte[] block = new byte[1 << 16];
    ByteBuffer buffer = ByteBuffer.wrap(block).order(ByteOrder.LITTLE_ENDIAN);
    int filled = 0;
    while (filled < values.length) {
      int want = (int) Math.min(block.length / width, values.length - filled);
      int got = in.readNBytes(block, 0, want * width);
      if (got != want * width) {
        throw new BadInputException(name, ".npy data ends early");
      }
      buffer.clear();
      for (int i = 0; i < want; i++) {
        double v = width == 4 ? buffer.getFloat() : buffer.getDouble();
        values[filled++] = finite(v, filled - 1, cols, name);
      }
    }
    return new LogitMatrix(rows, cols, values);
  }

  private static int elementBytes(String header, String name) {
    Matcher descr = DESCR.matcher(header);
    if (!descr.find()) {
      throw new BadInputException(name, ".npy header has no 'descr'");
    }
    Matcher fortran = FORTRAN.matcher(header);
    if (!fortran.find() || fortran.group(1).equals("True")) {
      throw new BadInputException(name, ".npy data must be in C order (fortran_order False)");
    }
    switch (descr.group(1)) {
      case "<f4":
        return 4;
      case "<f8":
        return 8;
      default:
        throw new BadInputException(name, ".npy dtype '" + descr.group(1)
            + "' is not little-endian float32 ('<f4') or float64 ('<f8')");
    }
  }

  private static long[] shape(String header, String name) {
    Matcher m = SHAPE.matcher(header);
    if (!m.find()) {
      throw new BadInputException(name, ".npy header has no 'shape'");
    }
    List<Long> dims = new ArrayList<>();
    for (String part : m.group(1).split(",")) {
      String t = part.trim();
      if (t.isEmpty()) {
        continue;
      }
      if (!t.matches("\\d{1,10}")) {
        throw new BadInputException(name, ".npy shape (" + m.group(1) + ") is not a tuple of sizes");
      }
      dims.add(Long.parseLong(t));
    }
    if (dims.isEmpty() || dims.size() > 2) {
      throw new BadInputException(name, ".npy shape (" + m.group(1) + ") must be 1-D or 2-D (rows, vocabulary)");
    }
    return dims.stream().mapToLong(Long::longValue).toArray();
  }

  private static long checkedCount(long[] shape, String name) {
    long count = 1;
    for (long d : shape) {
      if (d <= 0 || d > Integer.MAX_VALUE) {
        throw new BadInputException(name, "shape " + shapeText(shape) + " has an empty or oversized dimension");
      }
      count *= d;
      if (count > MAX_VALUES) {
        throw new BadInputException(name, "shape " + shapeText(shape) + " holds more than " + MAX_VALUES
            + " values; sample vocabulary columns (the rank is kept while columns exceed the width)");
      }
    }
    return count;
  }

  private static String shapeText(long[] shape) {
    StringBuilder b = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      b.append(i == 0 ? "" : ", ").append(shape[i]);
    }
    return b.append(')').toString();
  }

  private static double finite(double v, int index, int cols, String name) {
    if (!Double.isFinite(v)) {
      throw new BadInputException(name, String.format(Locale.ROOT, "row %d, column %d: %s is not a finite number",
          index / cols + 1, index % cols + 1, v));
    }
    return v;
  }

  /** CSV: numbers separated by commas, one vector per line; no header; every line the same length. */
  private static LogitMatrix readCsv(Path file, String name) throws IOException {
    try (Reader reader = new BufferedReader(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
      CsvNumbers csv = new CsvNumbers(reader, name, MAX_CSV_FIELD, MAX_VALUES);
      csv.readAll();
      return csv.matrix();
    } catch (java.nio.charset.MalformedInputException e) {
      throw new BadInputException(name, "neither a .npy file nor UTF-8 CSV text");
    }
  }
}
