package dev.paramscope.weights.hub;

import dev.paramscope.BadInputException;
import dev.paramscope.weights.ByteSource;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A remote file read with HTTP Range requests (RFC 9110 §14). Reads are served from a window
 * fetched ahead; each new window doubles in size (64 KiB up to 16 MiB), so a header of any size
 * costs a few requests and no tensor data beyond the last window's slack. Every 206 response's
 * {@code Content-Range} is checked against the range asked for.
 */
final class HttpByteSource implements ByteSource {
  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
  static final int FIRST_WINDOW = 64 * 1024;
  static final int MAX_WINDOW = 16 * 1024 * 1024;

  private final HubHttp http;
  private final URI uri;
  private final String name;
  private long size = -1;
  private long bytesRead;
  private byte[] window = new byte[0];
  private long windowStart;
  private int nextWindow = FIRST_WINDOW;

  HttpByteSource(HubHttp http, URI uri, String name) {
    this.http = http;
    this.uri = uri;
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public long size() throws IOException {
    if (size < 0) {
      fetch(0, 1);
    }
    return size;
  }

  @Override
  public int read(long offset, ByteBuffer dst) throws IOException {
    if (offset < 0) {
      throw new IllegalArgumentException("negative offset " + offset);
    }
    if (size >= 0 && offset >= size) {
      return -1;
    }
    if (!dst.hasRemaining()) {
      return 0;
    }
    if (offset < windowStart || offset >= windowStart + window.length) {
      int want = Math.max(nextWindow, Math.min(dst.remaining(), MAX_WINDOW));
      fetch(offset, want);
      nextWindow = Math.min(MAX_WINDOW, nextWindow * 2);
      if (offset >= size) {
        return -1;
      }
    }
    int from = (int) (offset - windowStart);
    int n = Math.min(dst.remaining(), window.length - from);
    dst.put(window, from, n);
    bytesRead += n;
    return n;
  }

  @Override
  public long bytesRead() {
    return bytesRead;
  }

  @Override
  public void close() {
    window = new byte[0];
  }

  /** Fetches a window, once more after a dropped connection (HubHttp retries the request itself). */
  private void fetch(long offset, int length) throws IOException {
    for (int attempt = 1; ; attempt++) {
      try {
        fetchOnce(offset, length);
        return;
      } catch (BadInputException e) {
        throw e;
      } catch (IOException e) {
        if (attempt >= HubHttp.MAX_ATTEMPTS) {
          throw new IOException(name + ": reading bytes from " + offset + " failed: " + e.getMessage(), e);
        }
      }
    }
  }

  private void fetchOnce(long offset, int length) throws IOException {
    long end = offset + length - 1;
    if (size >= 0) {
      end = Math.min(end, size - 1);
    }
    HttpResponse<InputStream> response = http.get(uri, "bytes=" + offset + "-" + end);
    try (InputStream body = response.body()) {
      if (response.statusCode() != 206) {
        throw new BadInputException(name, "the server ignored the Range request (HTTP "
            + response.statusCode() + "); it must support byte ranges to read headers only");
      }
      String header = response.headers().firstValue("Content-Range").orElse("");
      Matcher m = CONTENT_RANGE.matcher(header.trim().toLowerCase(Locale.ROOT));
      if (!m.matches() || m.group(3).equals("*")) {
        throw new BadInputException(name, "bad Content-Range '" + header + "' for bytes " + offset + "-" + end);
      }
      long start = Long.parseLong(m.group(1));
      long last = Long.parseLong(m.group(2));
      long total = Long.parseLong(m.group(3));
      if (start != offset || last < start || last > end || last >= total || (size >= 0 && total != size)) {
        throw new BadInputException(name, "the server lied about Content-Range: asked for bytes "
            + offset + "-" + end + ", got '" + header + "'");
      }
      size = total;
      int count = (int) (last - start + 1);
      byte[] data = body.readNBytes(count);
      if (data.length != count) {
        throw new BadInputException(name, "the connection ended after " + data.length + " of " + count
            + " bytes at byte " + offset);
      }
      window = data;
      windowStart = offset;
    }
  }
}
