package dev.paramscope.forensics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paramscope.BadInputException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogitMatrixReaderTest {
  @TempDir Path dir;

  /** A .npy file as numpy.save writes it (format version 1.0, header padded to 64 bytes). */
  static byte[] npy(String descr, String shape, byte[] data, int major, long declaredHeaderLength) {
    String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
    int prefix = 6 + 2 + (major == 1 ? 2 : 4);
    int total = ((prefix + dict.length() + 1 + 63) / 64) * 64;
    String header = dict + " ".repeat(total - prefix - dict.length() - 1) + "\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
    long length = declaredHeaderLength >= 0 ? declaredHeaderLength : header.length();
    ByteBuffer len = ByteBuffer.allocate(major == 1 ? 2 : 4).order(ByteOrder.LITTLE_ENDIAN);
    if (major == 1) {
      len.putShort((short) length);
    } else {
      len.putInt((int) length);
    }
    out.writeBytes(len.array());
    out.writeBytes(header.getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(data);
    return out.toByteArray();
  }

  static byte[] floats(float... values) {
    ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      b.putFloat(v);
    }
    return b.array();
  }

  static byte[] doubles(double... values) {
    ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (double v : values) {
      b.putDouble(v);
    }
    return b.array();
  }

  private Path write(String name, byte[] bytes) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, bytes);
    return p;
  }

  @Test
  void readsFloat32AndFloat64Npy() throws IOException {
    LogitMatrix f4 = LogitMatrixReader.read(write("a.npy", npy("<f4", "(2, 3)", floats(1, 2, 3, 4, 5, 6), 1, -1)));
    assertThat(f4.rows()).isEqualTo(2);
    assertThat(f4.cols()).isEqualTo(3);
    assertThat(f4.values()).containsExactly(1, 2, 3, 4, 5, 6);
    LogitMatrix f8 = LogitMatrixReader.read(write("b.npy", npy("<f8", "(1, 2)", doubles(-0.5, 7.25), 2, -1)));
    assertThat(f8.values()).containsExactly(-0.5, 7.25);
  }

  @Test
  void readsCsv() throws IOException {
    LogitMatrix m = LogitMatrixReader.read(write("a.csv", "1,2,3\r\n-4.5, 5e-1 ,6\n\n".getBytes(StandardCharsets.UTF_8)));
    assertThat(m.rows()).isEqualTo(2);
    assertThat(m.values()).containsExactly(1, 2, 3, -4.5, 0.5, 6);
  }

  @Test
  void rejectsHostileNpyHeaders() throws IOException {
    assertRejected(write("long.npy", npy("<f4", "(1, 1)", floats(1), 2, 1_000_000_000L)), "header length");
    assertRejected(write("huge.npy", npy("<f4", "(100000, 200000)", floats(1), 1, -1)), "more than");
    assertRejected(write("short.npy", npy("<f4", "(4, 4)", floats(1, 2), 1, -1)), "data bytes");
    assertRejected(write("int.npy", npy("<i4", "(1, 1)", floats(1), 1, -1)), "'<i4'");
    assertRejected(write("big.npy", npy(">f4", "(1, 1)", floats(1), 1, -1)), "little-endian");
    assertRejected(write("3d.npy", npy("<f4", "(1, 1, 1)", floats(1), 1, -1)), "1-D or 2-D");
    assertRejected(write("neg.npy", npy("<f4", "(-1, 4)", floats(1), 1, -1)), "not a tuple");
    assertRejected(write("zero.npy", npy("<f4", "(0, 4)", floats(), 1, -1)), "empty or oversized");
    assertRejected(write("nan.npy", npy("<f4", "(1, 2)", floats(1, Float.NaN), 1, -1)), "row 1, column 2");
    byte[] v9 = npy("<f4", "(1, 1)", floats(1), 1, -1);
    v9[6] = 9;
    assertRejected(write("v9.npy", v9), "version 9.0");
    byte[] fortran = npy("<f4", "(1, 1)", floats(1), 1, -1);
    String text = new String(fortran, StandardCharsets.ISO_8859_1).replace("False", "True ");
    assertRejected(write("f.npy", text.getBytes(StandardCharsets.ISO_8859_1)), "C order");
  }

  @Test
  void rejectsBadCsv() throws IOException {
    assertRejected(write("ragged.csv", "1,2,3\n4,5\n".getBytes(StandardCharsets.UTF_8)), "line 2 has 2 values, line 1 has 3");
    assertRejected(write("header.csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8)), "line 1, column 1: 'a' is not a number");
    assertRejected(write("inf.csv", "1,Infinity\n".getBytes(StandardCharsets.UTF_8)), "not a finite number");
    assertRejected(write("empty.csv", new byte[0]), "empty CSV");
    assertRejected(write("long.csv", ("1" + "0".repeat(100)).getBytes(StandardCharsets.UTF_8)), "longer than 64");
    assertRejected(dir.resolve("missing.npy"), "no such file");
  }

  private static void assertRejected(Path file, String message) {
    assertThatThrownBy(() -> LogitMatrixReader.read(file)).isInstanceOf(BadInputException.class)
        .hasMessageStartingWith(file.toString()).hasMessageContaining(message);
  }
}
