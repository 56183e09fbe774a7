package dev.paramscope.cli.serve;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** One HTTP/1.1 exchange written by hand, for headers java.net.http will not send (Host). */
final class RawHttp {
  private RawHttp() {}

  /** Sends {@code request} (CRLF line ends added) and returns the whole answer, headers and body. */
  static String exchange(int port, String... requestLines) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write((String.join("\r\n", requestLines) + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static int status(String answer) {
    return Integer.parseInt(answer.substring(9, 12));
  }
}
