package dev.paramscope.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * A Writer that encodes each piece of text as UTF-8 whole ({@link String#getBytes}) and hands the
 * bytes to the stream in one write. An OutputStreamWriter copies the text into a char array and
 * encodes it through a CharsetEncoder in 8 KB chunks, per-character loops that a command's cold JVM
 * interprets: 1.3 ms of a 22 KB {@code inspect --format json} against 0.3 ms for 0.6 KB (issue 6).
 *
 * <p>A high surrogate that ends one write is held for the next, so a pair split across writes is
 * encoded as one character; a lone surrogate becomes '?', as the JDK's encoder writes it.
 */
final class Utf8Writer extends Writer {
  private final OutputStream out;
  /** A high surrogate that ended the last write, or 0. */
  private char pendingHigh;

  Utf8Writer(OutputStream out) {
    this.out = out;
  }

  @Override
  public void write(String text, int off, int len) throws IOException {
    if (len <= 0) {
      return;
    }
    String piece = off == 0 && len == text.length() ? text : text.substring(off, off + len);
    if (pendingHigh != 0) {
      piece = pendingHigh + piece;
      pendingHigh = 0;
    }
    char last = piece.charAt(piece.length() - 1);
    if (Character.isHighSurrogate(last)) {
      pendingHigh = last;
      piece = piece.substring(0, piece.length() - 1);
    }
    out.write(piece.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void write(char[] chars, int off, int len) throws IOException {
    write(new String(chars, off, len), 0, len);
  }

  @Override
  public void write(int c) throws IOException {
    write(String.valueOf((char) c), 0, 1);
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  /** Writes a held high surrogate (as '?': nothing can complete it now), flushes and closes the stream. */
  @Override
  public void close() throws IOException {
    if (pendingHigh != 0) {
      pendingHigh = 0;
      out.write('?');
    }
    out.close();
  }
}
